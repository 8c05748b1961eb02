package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AccessAndMetadataTest {

    private static final String AUTHENTICATION_REQUIRED =
            "{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"Authentication required\"}}";
    private static final String INVALID_PERMISSIONS = "{\"error\":{\"type\":\"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND\","
            + "\"message\":\"Invalid permissions, or the requested model was not found. Check that both your user and your token "
            + "have the required permissions, and that the model names and/or ids are correct.\"}}";

    private static Sandbox sandbox;
    private static SandboxHttp http;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRequestsPerSecond(0));
        http = new SandboxHttp(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void aRequestWithoutTokenIsRefusedWith401() {
        HttpResponse<String> response = http.get(TABLE_PATH, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(AUTHENTICATION_REQUIRED);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void aWrongTokenIsRefusedWith401() {
        HttpResponse<String> response = http.get(TABLE_PATH, "not-the-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(AUTHENTICATION_REQUIRED);
    }

    @Test
    void theRetiredApiKeyParameterDoesNotAuthenticate() {
        HttpResponse<String> response = http.get(TABLE_PATH + "?api_key=" + SandboxHttp.TOKEN, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(AUTHENTICATION_REQUIRED);
    }

    @Test
    void anUnknownBaseIsRefusedWith403() {
        HttpResponse<String> response = http.get("/airtable/v0/appNope/Conversations");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(INVALID_PERMISSIONS);
    }

    @Test
    void anUnknownTableIsRefusedWith404() {
        HttpResponse<String> response = http.get("/airtable/v0/appClinicConversations/Nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo(
                "{\"error\":{\"type\":\"TABLE_NOT_FOUND\",\"message\":\"Could not find table Nope in application appClinicConversations\"}}");
    }

    @Test
    void theTableAnswersToItsIdAsToItsName() {
        HttpResponse<String> byId = http.get("/airtable/v0/appClinicConversations/tblConversations0?maxRecords=3");
        HttpResponse<String> byName = http.get(TABLE_PATH + "?maxRecords=3");

        assertThat(byId.statusCode()).isEqualTo(200);
        assertThat(byId.body()).isEqualTo(byName.body());
    }

    @Test
    void writesAreRefusedBecauseTheTokenOnlyReads() {
        assertThat(http.post(TABLE_PATH, "{\"records\":[]}").statusCode()).isEqualTo(403);
        assertThat(http.send("DELETE", TABLE_PATH + "/recAAAAAAAAAAAAAA").statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownRouteAnswersNotFoundInItsStringForm() {
        HttpResponse<String> response = http.get("/airtable/v1/whatever");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error\":\"NOT_FOUND\"}");
        assertThat(http.get("/nothing-here").body()).isEqualTo("{\"error\":\"NOT_FOUND\"}");
    }

    @Test
    void listingBasesShowsBothClinicBases() {
        JsonNode bases = json(http.get("/airtable/v0/meta/bases"));

        assertThat(bases.toString()).isEqualTo(
                "{\"bases\":[{\"id\":\"appClinicConversations\",\"name\":\"Clinic Conversations\",\"permissionLevel\":\"read\"},"
                        + "{\"id\":\"appClinicArchive\",\"name\":\"Clinic Archive\",\"permissionLevel\":\"read\"}]}");
        assertThat(http.get("/airtable/v0/meta/bases", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theBaseSchemaDescribesTheConversationsTable() {
        JsonNode table = json(http.get("/airtable/v0/meta/bases/appClinicConversations/tables")).get("tables").get(0);

        assertThat(table.get("id").asText()).isEqualTo("tblConversations0").hasSize(17);
        assertThat(table.get("name").asText()).isEqualTo("Conversations");
        List<String> names = new ArrayList<>();
        table.get("fields").forEach(field -> {
            names.add(field.get("name").asText());
            assertThat(field.get("id").asText()).matches("fld[0-9A-Za-z]{14}");
        });
        assertThat(names).containsExactly("Conversation", "Clinic", "User ID", "Automation", "Booking", "Lead Created",
                "Engaged", "Messages", "Created", "Last Modified");
        assertThat(table.get("fields").get(9).get("type").asText()).isEqualTo("lastModifiedTime");
        assertThat(table.get("primaryFieldId").asText()).isEqualTo(table.get("fields").get(0).get("id").asText());
        assertThat(table.get("views").get(0).get("name").asText()).isEqualTo("Grid view");
        assertThat(http.get("/airtable/v0/meta/bases/appNope/tables").statusCode()).isEqualTo(403);
    }
}
