package io.inflow.sandbox;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminEndpointsTest {

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRequestsPerSecond(0));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void statsCountEveryAirtableRequestWhateverItsStatus() {
        http.get(TABLE_PATH + "?maxRecords=1");
        http.get(TABLE_PATH, null);
        http.get("/airtable/v0/appNope/x");
        http.get("/airtable/nowhere");

        HttpResponse<String> stats = http.get("/_sandbox/stats", null);

        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(json(stats).get("airtable").toString()).isEqualTo("{\"requests\":4,\"violations\":0,\"streams\":{\"Conversations\":20077},"
                + "\"bases\":{\"appClinicConversations\":{\"requests\":2,\"violations\":0,\"streams\":{\"Conversations\":20077}},"
                + "\"appClinicArchive\":{\"requests\":0,\"violations\":0,\"streams\":{\"Conversations\":2000}}},"
                + "\"faults\":{\"http429\":0,\"http5xx\":0,\"slow\":0,\"drop\":0,\"malformedPage\":0,\"malformedRecord\":0,"
                + "\"expiredToken\":0}}");
    }

    @Test
    void connectionsGiveABodyTheServerAcceptsAsIs() {
        JsonNode connections = json(http.get("/_sandbox/connections", null));

        assertThat(connections.get("airtable").toString() + "," + connections.get("airtable-archive").toString())
                .isEqualTo("{\"plugin\":\"airtable\",\"name\":\"airtable-sandbox\","
                + "\"config\":{\"baseUrl\":\"" + sandbox.baseUrl() + "/airtable\",\"apiToken\":\"sandbox-token\","
                + "\"baseId\":\"appClinicConversations\",\"tables\":[\"Conversations\"]}},"
                + "{\"plugin\":\"airtable\",\"name\":\"airtable-archive-sandbox\","
                + "\"config\":{\"baseUrl\":\"" + sandbox.baseUrl() + "/airtable\",\"apiToken\":\"sandbox-token\","
                + "\"baseId\":\"appClinicArchive\",\"tables\":[\"Conversations\"]}}");
        assertThat(connections.fieldNames()).toIterable().contains("airtable", "airtable-archive");
    }

    @Test
    void eachConnectionBodyCanBeFetchedAloneByItsName() {
        JsonNode all = json(http.get("/_sandbox/connections", null));

        assertThat(json(http.get("/_sandbox/connections/airtable", null))).isEqualTo(all.get("airtable"));
        assertThat(json(http.get("/_sandbox/connections/airtable-archive", null))).isEqualTo(all.get("airtable-archive"));
        assertThat(http.get("/_sandbox/connections/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theRequestLogListsRequestsOldestFirstWithDecodedQueries() {
        http.list("pageSize", "2", "fields[]", "Clinic", "fields[]", "Messages");
        http.get(TABLE_PATH, null);

        JsonNode log = json(http.get("/_sandbox/requests?api=airtable", null));

        assertThat(log).hasSize(2);
        JsonNode first = log.get(0);
        assertThat(first.get("method").asText()).isEqualTo("GET");
        assertThat(first.get("path").asText()).isEqualTo(TABLE_PATH);
        assertThat(first.get("query").get("pageSize").asText()).isEqualTo("2");
        assertThat(first.get("query").get("fields[]")).hasSize(2);
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("at").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(log.get(1).get("status").asInt()).isEqualTo(401);
        assertThat(sandbox.airtable().traffic().requests()).extracting(LoggedRequest::status).containsExactly(200, 401);
    }

    @Test
    void theRequestLogNeedsAKnownApi() {
        assertThat(http.get("/_sandbox/requests", null).statusCode()).isEqualTo(400);
        assertThat(http.get("/_sandbox/requests?api=nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void resetClearsCountersAndTheLogButNotTheData() {
        sandbox.airtable().modify(5);
        http.get(TABLE_PATH + "?maxRecords=1");

        HttpResponse<String> reset = http.post("/_sandbox/reset", "", null);

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(sandbox.airtable().requestCount()).isZero();
        assertThat(sandbox.airtable().traffic().requests()).isEmpty();
        long modified = SandboxHttp.records(http.listAll("filterByFormula", "IS_AFTER({Last Modified}, '2025-01-01')")).size();
        assertThat(modified).isEqualTo(5);
    }

    @Test
    void modifyAnswersTheDistinctIdsItChanged() {
        HttpResponse<String> response = http.post("/_sandbox/airtable/modify", "{\"count\": 100}", null);

        JsonNode answer = json(response);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answer.get("modified").asInt()).isEqualTo(100);
        Set<String> ids = new HashSet<>();
        answer.get("ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(100).allMatch(id -> id.matches("rec[0-9A-Za-z]{14}"));
    }

    @Test
    void modifyIsDeterministicFromTheSeedAndItsCallCount() {
        List<String> first;
        List<String> second;
        try (Sandbox other = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock))) {
            first = other.airtable().modify(50).ids();
            second = other.airtable().modify(50).ids();
        }

        assertThat(sandbox.airtable().modify(50).ids()).isEqualTo(first);
        assertThat(sandbox.airtable().modify(50).ids()).isEqualTo(second).isNotEqualTo(first);
    }

    @Test
    void modifyRefusesACountOutsideOneToTheRecordCount() {
        for (String body : List.of("{\"count\": 0}", "{\"count\": 20078}", "{\"count\": \"ten\"}", "{}", "nope")) {
            HttpResponse<String> response = http.post("/_sandbox/airtable/modify", body, null);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("error").get("message").asText()).isNotBlank();
        }
        assertThat(http.post("/_sandbox/nope/modify", "{\"count\": 1}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void limitsCanBeReadAndChanged() {
        JsonNode before = json(http.get("/_sandbox/airtable/limits", null));
        JsonNode after = json(http.post("/_sandbox/airtable/limits", "{\"requestsPerSecond\": 5, \"requestsPerSecondPerToken\": 20}", null));

        assertThat(before.get("requestsPerSecond").asInt()).isZero();
        assertThat(after.get("requestsPerSecond").asInt()).isEqualTo(5);
        assertThat(after.get("requestsPerSecondPerToken").asInt()).isEqualTo(20);
        assertThat(http.post("/_sandbox/airtable/limits", "{\"perHour\": 5}", null).statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownAdminEndpointIs404() {
        assertThat(http.get("/_sandbox/nothing", null).statusCode()).isEqualTo(404);
        assertThat(http.get("/_sandbox/health", null).statusCode()).isEqualTo(200);
    }
}
