package io.inflow.sandbox.gmail;

import static io.inflow.sandbox.gmail.GmailHttp.USER;
import static io.inflow.sandbox.gmail.GmailHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameter checks, page sizes and page tokens of messages, labels and history, as strict as Google's front end. */
class GmailRequestsTest {

    private static Sandbox sandbox;
    private static GmailHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withAirtableRecords(1).withGmailMessages(1_200)
                .withGmailUnitsPerSecond(0));
        http = new GmailHttp(sandbox);
        token = http.accessToken();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) {
        return http.get(USER + pathAndQuery, token);
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(json(response).at("/error/message").asText()).contains(message);
    }

    @Test
    void aPageHoldsAHundredMessagesByDefaultAndFiveHundredAtMost() {
        assertThat(json(get("/messages")).get("messages")).hasSize(100);
        assertThat(json(get("/messages?maxResults=1000")).get("messages")).hasSize(500);
        assertThat(json(get("/messages?maxResults=0")).get("messages")).hasSize(100);
        assertBadRequest(get("/messages?maxResults=ten"), "Invalid value at 'max_results' (TYPE_UINT32)");
        assertBadRequest(get("/messages?maxResults=-1"), "max_results");
    }

    @Test
    void unknownParametersRepeatedSingleValuesAndFieldsAreRefused() {
        assertBadRequest(get("/messages?pagesize=10"), "Unknown name \"pagesize\"");
        assertBadRequest(get("/messages?maxResults=1&maxResults=2"), "Multiple values");
        assertBadRequest(get("/messages?fields=messages"), "fields");
        assertThat(get("/messages?maxResults=1&prettyPrint=false&alt=json").statusCode()).isEqualTo(200);
    }

    @Test
    void pageTokensBelongToTheirQueryAndMadeUpOnesAreRefused() {
        String next = json(get("/messages?maxResults=10&q=in:inbox")).get("nextPageToken").asText();

        assertThat(next).matches("[0-9]{15,20}");
        assertThat(get("/messages?maxResults=10&q=in:inbox&pageToken=" + next).statusCode()).isEqualTo(200);
        assertBadRequest(get("/messages?maxResults=10&q=in:sent&pageToken=" + next), "Invalid pageToken");
        assertBadRequest(get("/messages?pageToken=12345"), "Invalid pageToken");
        assertBadRequest(get("/messages?pageToken=abc"), "Invalid pageToken");
    }

    @Test
    void unknownLabelsFormatsAndIdsAreRefusedAndMissingMessagesAre404() {
        assertBadRequest(get("/messages?labelIds=Clients"), "Invalid label: Clients");
        String id = json(get("/messages?maxResults=1")).at("/messages/0/id").asText();
        assertBadRequest(get("/messages/" + id + "?format=html"), "Invalid value at 'format'");
        assertBadRequest(get("/messages/not-hex!"), "Invalid id value");
        HttpResponse<String> missing = get("/messages/0123456789abcdef");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\","
                + "\"errors\":[{\"message\":\"Requested entity was not found.\",\"domain\":\"global\",\"reason\":\"notFound\"}],"
                + "\"status\":\"NOT_FOUND\"}}");
    }

    @Test
    void theMetadataFormatKeepsOnlyTheHeadersAskedFor() {
        String id = json(get("/messages?maxResults=1")).at("/messages/0/id").asText();

        JsonNode metadata = json(get("/messages/" + id + "?format=metadata&metadataHeaders=subject&metadataHeaders=From"));
        JsonNode minimal = json(get("/messages/" + id + "?format=minimal"));
        JsonNode raw = json(get("/messages/" + id + "?format=RAW"));

        assertThat(metadata.at("/payload/headers")).extracting(header -> header.get("name").asText())
                .containsExactly("Subject", "From");
        assertThat(metadata.get("internalDate").asText()).matches("[0-9]{13}");
        assertThat(metadata.get("historyId").asText()).matches("[0-9]+");
        assertThat(minimal.has("payload")).isFalse();
        assertThat(raw.get("raw").asText()).isNotEmpty();
        assertThat(metadata.get("threadId").asText()).matches("[0-9a-f]{16}");
    }

    @Test
    void anUnroutedPathGetsGooglesHtml404() {
        HttpResponse<String> response = get("/drafts/x/y");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void labelsAreListedWithoutCountsAndOneLabelWithThem() {
        JsonNode labels = json(get("/labels")).get("labels");
        JsonNode clients = json(get("/labels/Label_1"));

        assertThat(labels).hasSize(22);
        assertThat(labels.get(0).has("messagesTotal")).isFalse();
        assertThat(clients.get("name").asText()).isEqualTo("Clients");
        assertThat(clients.get("messagesTotal").asInt()).isPositive();
        assertThat(get("/labels/Label_99").statusCode()).isEqualTo(404);
    }
}
