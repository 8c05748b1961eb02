package io.inflow.sandbox;

import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin delete and restore of every fake: their bodies, their refusals, concurrency and reset. */
class DeleteAdminTest {

    private static final List<String> APIS = List.of("airtable", "toast", "gmail", "mindbody");
    /** What remains to delete with this sandbox's options, per API. */
    private static final Map<String, Integer> RECORDS = Map.of("airtable", 10, "toast", 5_995, "gmail", 400, "mindbody", 6_539);
    private static final String STREAMS = "{\"airtable\":{\"Conversations\":10},\"toast\":{\"orders\":5995},"
            + "\"gmail\":{\"messages\":400,\"labels\":22},"
            + "\"mindbody\":{\"clients\":6539,\"classes\":84,\"class_schedules\":39022,\"visits\":84216,\"sales\":12407}}";

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(10)
                .withGmailMessages(400));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** Every API's {@code streams} in {@code /_sandbox/stats}. */
    private String streams() {
        JsonNode stats = json(http.get("/_sandbox/stats", null));
        StringBuilder all = new StringBuilder("{");
        for (String api : APIS) {
            all.append(all.length() > 1 ? "," : "").append('"').append(api).append("\":").append(stats.get(api).get("streams"));
        }
        return all.append('}').toString();
    }

    private HttpResponse<String> post(String path, String body) {
        return http.post(path, body, null);
    }

    @Test
    void badDeleteBodiesAreA400NamingTheFaultAndChangeNothing() {
        assertThat(streams()).isEqualTo(STREAMS);
        for (String api : APIS) {
            String path = "/_sandbox/" + api + "/delete";
            Map<String, String> refusals = Map.of(
                    "{}", "count is required: how many records to delete",
                    "{\"count\":null}", "count is required: how many records to delete",
                    "{\"count\":-1}", "count must be at least 1, was -1",
                    "{\"count\":0}", "count must be at least 1, was 0",
                    "{\"count\":1.5}", "count must be a whole number, was 1.5",
                    "{\"count\":\"3\"}", "count must be a whole number, was \"3\"",
                    "{\"count\":" + (RECORDS.get(api) + 1) + "}", "count must be between 1 and " + RECORDS.get(api)
                            + " (the records not deleted), was " + (RECORDS.get(api) + 1),
                    "{\"count\":1,\"colour\":\"red\"}", "unknown key colour; known: "
                            + (api.equals("airtable") ? "[base, count]" : "[count]"),
                    "not json", "the body is not JSON",
                    "[1]", "expected a JSON object");
            refusals.forEach((body, message) -> {
                HttpResponse<String> response = post(path, body);
                assertThat(response.statusCode()).as(api + " " + body).isEqualTo(400);
                assertThat(response.body()).as(api + " " + body)
                        .isEqualTo("{\"error\":{\"type\":\"INVALID_REQUEST\",\"message\":" + quote(message) + "}}");
            });
        }
        assertThat(post("/_sandbox/airtable/delete", "{\"count\":1,\"base\":\"appNope\"}").statusCode()).isEqualTo(400);
        assertThat(post("/_sandbox/airtable/delete", "{\"count\":1,\"base\":7}").statusCode()).isEqualTo(400);
        assertThat(streams()).isEqualTo(STREAMS);
    }

    @Test
    void badRestoreBodiesAreA400NamingTheFaultAndRestoreNothing() {
        Map<String, List<String>> deleted = Map.of(
                "airtable", sandbox.airtable().delete(2).ids(), "toast", sandbox.toast().delete(2).ids(),
                "gmail", sandbox.gmail().delete(2).ids(), "mindbody", sandbox.mindbody().delete(2).ids());
        String afterDeletes = streams();
        for (String api : APIS) {
            String path = "/_sandbox/" + api + "/restore";
            String first = deleted.get(api).get(0);
            Map<String, String> refusals = Map.of(
                    "{}", "ids must be an array of record ids",
                    "{\"ids\":\"" + first + "\"}", "ids must be an array of record ids",
                    "{\"ids\":null}", "ids must be an array of record ids",
                    "{\"ids\":[]}", "ids must name at least one record",
                    "{\"ids\":[\"" + first + "\",7]}", "ids must be an array of strings; 7 is not a string",
                    "{\"ids\":[\"" + first + "\",\"" + first + "\"]}", "id " + first + " is named twice",
                    "{\"ids\":[\"" + first + "\"],\"count\":1}", "unknown key count; known: "
                            + (api.equals("airtable") ? "[base, ids]" : "[ids]"));
            refusals.forEach((body, message) -> {
                HttpResponse<String> response = post(path, body);
                assertThat(response.statusCode()).as(api + " " + body).isEqualTo(400);
                assertThat(json(response).at("/error/message").asText()).as(api + " " + body).isEqualTo(message);
            });
        }
        assertThat(streams()).isEqualTo(afterDeletes).isNotEqualTo(STREAMS);
    }

    @Test
    void anUnknownApiHasNothingToDeleteOrRestore() {
        HttpResponse<String> delete = post("/_sandbox/nope/delete", "{\"count\":1}");
        HttpResponse<String> restore = post("/_sandbox/nope/restore", "{\"ids\":[\"x\"]}");

        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(json(delete).at("/error/type").asText()).isEqualTo("UNKNOWN_API");
        assertThat(restore.statusCode()).isEqualTo(404);
        assertThat(http.send("GET", "/_sandbox/airtable/delete").statusCode()).isEqualTo(404);
    }

    @Test
    void resetUndoesTheDeletionsOfEveryApi() {
        for (String api : APIS) {
            assertThat(post("/_sandbox/" + api + "/delete", "{\"count\":3}").statusCode()).isEqualTo(200);
        }
        assertThat(streams()).isEqualTo("{\"airtable\":{\"Conversations\":7},\"toast\":{\"orders\":5992},"
                + "\"gmail\":{\"messages\":397,\"labels\":22},"
                + "\"mindbody\":{\"clients\":6536,\"classes\":84,\"class_schedules\":39022,\"visits\":84216,\"sales\":12407}}");

        assertThat(post("/_sandbox/reset", "").statusCode()).isEqualTo(200);

        assertThat(streams()).isEqualTo(STREAMS);
        for (String api : APIS) {
            assertThat(json(post("/_sandbox/" + api + "/delete", "{\"count\":" + RECORDS.get(api) + "}")).get("deleted").asInt())
                    .isEqualTo(RECORDS.get(api));
        }
        sandbox.reset();
        assertThat(streams()).isEqualTo(STREAMS);
    }

    @Test
    void concurrentDeletesNeverPickTheSameRecordTwice() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (String api : APIS) {
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> post("/_sandbox/" + api + "/delete", "{\"count\":1}")));
                }
                Set<String> ids = new HashSet<>();
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get();
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    ids.add(json(response).at("/ids/0").asText());
                }
                assertThat(ids).as(api).hasSize(8);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(streams()).isEqualTo("{\"airtable\":{\"Conversations\":2},\"toast\":{\"orders\":5987},"
                + "\"gmail\":{\"messages\":392,\"labels\":22},"
                + "\"mindbody\":{\"clients\":6531,\"classes\":84,\"class_schedules\":39022,\"visits\":84216,\"sales\":12407}}");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
