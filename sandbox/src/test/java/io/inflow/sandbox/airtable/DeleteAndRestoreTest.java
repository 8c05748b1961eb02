package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.ARCHIVE_TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static io.inflow.sandbox.SandboxHttp.records;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /_sandbox/airtable/delete} and {@code /restore}, seen through the Airtable API and the stats. */
class DeleteAndRestoreTest {

    private static final int RECORDS = 20_077;

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

    private JsonNode admin(String path, String body) {
        HttpResponse<String> response = http.post("/_sandbox/airtable/" + path, body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** Every record of the main table, by id, in listing order. */
    private Map<String, JsonNode> listing() {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        records(http.listAll("pageSize", "100")).forEach(record -> byId.put(record.get("id").asText(), record));
        return byId;
    }

    private JsonNode stats() {
        return json(http.get("/_sandbox/stats", null)).get("airtable");
    }

    private static String quoted(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

    @Test
    void deletedRecordsLeaveTheListingTheStatsAndTheirOwnGet() {
        JsonNode answer = admin("delete", "{\"count\": 250}");

        List<String> deleted = ids(answer);
        Map<String, JsonNode> listed = listing();
        assertThat(answer.get("deleted").asInt()).isEqualTo(250);
        assertThat(new HashSet<>(deleted)).hasSize(250).allMatch(id -> id.matches("rec[0-9A-Za-z]{14}"));
        assertThat(listed).hasSize(RECORDS - 250);
        assertThat(listed.keySet()).doesNotContainAnyElementsOf(deleted);
        assertThat(stats().get("streams").toString()).isEqualTo("{\"Conversations\":19827}");
        assertThat(stats().at("/bases/appClinicConversations/streams/Conversations").asInt()).isEqualTo(19_827);
        assertThat(stats().at("/bases/appClinicArchive/streams/Conversations").asInt()).isEqualTo(2_000);
        assertThat(sandbox.airtable().table().recordCount()).isEqualTo(19_827);
        HttpResponse<String> gone = http.get(TABLE_PATH + "/" + deleted.get(0));
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo("{\"error\":{\"type\":\"MODEL_ID_NOT_FOUND\",\"message\":\"Could not find record "
                + deleted.get(0) + "\"}}");
        String kept = listed.keySet().iterator().next();
        assertThat(http.get(TABLE_PATH + "/" + kept).statusCode()).isEqualTo(200);
    }

    @Test
    void aFormulaOrASortNeverBringsADeletedRecordBack() {
        List<String> deleted = ids(admin("delete", "{\"count\": 40}"));

        List<JsonNode> sorted = records(http.listAll("pageSize", "100", "sort[0][field]", "Last Modified",
                "sort[0][direction]", "desc"));
        List<JsonNode> byFormula = records(http.listAll("filterByFormula", "NOT(RECORD_ID() = '')"));

        assertThat(sorted).hasSize(RECORDS - 40).noneMatch(record -> deleted.contains(record.get("id").asText()));
        assertThat(byFormula).hasSize(RECORDS - 40).noneMatch(record -> deleted.contains(record.get("id").asText()));
        String oneDeleted = "RECORD_ID() = '" + deleted.get(7) + "'";
        assertThat(json(http.list("filterByFormula", oneDeleted)).get("records")).isEmpty();
    }

    @Test
    void aScanUnderWayLeavesOutRecordsDeletedAfterItsFirstPage() {
        JsonNode first = json(http.list("pageSize", "100"));
        Set<String> onFirstPage = new HashSet<>();
        first.get("records").forEach(record -> onFirstPage.add(record.get("id").asText()));

        List<String> deleted = ids(admin("delete", "{\"count\": 3000}"));
        List<JsonNode> rest = new ArrayList<>();
        String offset = first.get("offset").asText();
        while (offset != null) {
            JsonNode page = json(http.list("pageSize", "100", "offset", offset));
            page.get("records").forEach(rest::add);
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        }

        long deletedLater = deleted.stream().filter(id -> !onFirstPage.contains(id)).count();
        assertThat(deletedLater).isBetween(2_900L, 3_000L);
        assertThat(rest).hasSize((int) (RECORDS - 100 - deletedLater))
                .noneMatch(record -> deleted.contains(record.get("id").asText()));
    }

    @Test
    void theSameSeedDeletesTheSameRecordsAndAnotherSeedOthers() {
        List<List<String>> session = session(42);

        assertThat(session).isEqualTo(session(42));
        assertThat(session.get(0)).containsExactly("rec0VY44Lr6gOatgm", "recZYI6XFbxordXvs", "recXfp2iAfGnuUL67");
        assertThat(session(7).get(0)).isNotEqualTo(session.get(0));
    }

    /** Deletes, a restore and deletes again, through HTTP; every answer's ids. */
    private static List<List<String>> session(long seed) {
        try (Sandbox other = Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(seed)
                .withClock(MutableClock.at("2025-06-01T12:00:00Z")).withAirtableRequestsPerSecond(0))) {
            SandboxHttp client = new SandboxHttp(other);
            List<List<String>> answers = new ArrayList<>();
            answers.add(ids(json(client.post("/_sandbox/airtable/delete", "{\"count\":3}", null))));
            answers.add(ids(json(client.post("/_sandbox/airtable/delete", "{\"count\":500}", null))));
            answers.add(ids(json(client.post("/_sandbox/airtable/restore",
                    "{\"ids\":" + quoted(answers.get(1).subList(0, 250)) + "}", null))));
            answers.add(ids(json(client.post("/_sandbox/airtable/delete", "{\"count\":1000}", null))));
            answers.add(ids(json(client.post("/_sandbox/airtable/delete", "{\"count\":20,\"base\":\"appClinicArchive\"}", null))));
            return answers;
        }
    }

    @Test
    void restoredRecordsComeBackExactlyAsTheyWere() {
        Map<String, JsonNode> before = listing();
        List<String> deleted = ids(admin("delete", "{\"count\": 10}"));
        List<String> back = deleted.subList(2, 6);

        JsonNode answer = admin("restore", "{\"ids\": " + quoted(back) + "}");

        assertThat(answer.toString()).isEqualTo("{\"restored\":4,\"ids\":" + quoted(back) + "}");
        Map<String, JsonNode> after = listing();
        assertThat(after).hasSize(RECORDS - 6);
        assertThat(after.keySet()).containsAll(back).doesNotContainAnyElementsOf(deleted.subList(6, 10));
        for (String id : back) {
            assertThat(after.get(id)).isEqualTo(before.get(id));
            assertThat(json(http.get(TABLE_PATH + "/" + id))).isEqualTo(before.get(id));
        }
        assertThat(new ArrayList<>(after.keySet())).isEqualTo(before.keySet().stream().filter(after::containsKey).toList());
        assertThat(stats().at("/streams/Conversations").asInt()).isEqualTo(RECORDS - 6);
    }

    @Test
    void aRestoreNamingAnUnknownOrALiveRecordRestoresNothing() {
        List<String> deleted = ids(admin("delete", "{\"count\": 5}"));
        String live = listing().keySet().iterator().next();

        HttpResponse<String> unknown = http.post("/_sandbox/airtable/restore",
                "{\"ids\":[\"" + deleted.get(0) + "\",\"recNope0000000000\"]}", null);
        HttpResponse<String> notDeleted = http.post("/_sandbox/airtable/restore",
                "{\"ids\":[\"" + deleted.get(1) + "\",\"" + live + "\"]}", null);
        HttpResponse<String> twice = http.post("/_sandbox/airtable/restore",
                "{\"ids\":[\"" + deleted.get(2) + "\",\"" + deleted.get(2) + "\"]}", null);
        HttpResponse<String> otherBase = http.post("/_sandbox/airtable/restore",
                "{\"ids\":[\"" + deleted.get(3) + "\"],\"base\":\"appClinicArchive\"}", null);

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"error\":{\"type\":\"INVALID_REQUEST\","
                + "\"message\":\"unknown id recNope0000000000; nothing was restored\"}}");
        assertThat(notDeleted.statusCode()).isEqualTo(400);
        assertThat(notDeleted.body()).isEqualTo("{\"error\":{\"type\":\"INVALID_REQUEST\","
                + "\"message\":\"id " + live + " is not deleted; nothing was restored\"}}");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(otherBase.statusCode()).isEqualTo(400);
        assertThat(listing()).hasSize(RECORDS - 5).doesNotContainKeys(deleted.toArray(String[]::new));
        assertThat(stats().at("/streams/Conversations").asInt()).isEqualTo(RECORDS - 5);
    }

    @Test
    void theArchiveBaseDeletesOnItsOwnWhenNamed() {
        List<String> deleted = ids(admin("delete", "{\"count\": 20, \"base\": \"appClinicArchive\"}"));

        List<JsonNode> archive = records(http.listAllIn(ARCHIVE_TABLE_PATH, "pageSize", "100"));

        assertThat(archive).hasSize(1_980).noneMatch(record -> deleted.contains(record.get("id").asText()));
        assertThat(stats().at("/bases/appClinicArchive/streams/Conversations").asInt()).isEqualTo(1_980);
        assertThat(stats().at("/streams/Conversations").asInt()).isEqualTo(RECORDS);
        assertThat(http.get(ARCHIVE_TABLE_PATH + "/" + deleted.get(0)).statusCode()).isEqualTo(404);
        assertThat(admin("restore", "{\"ids\": " + quoted(deleted) + ", \"base\": \"appClinicArchive\"}")
                .get("restored").asInt()).isEqualTo(20);
        assertThat(records(http.listAllIn(ARCHIVE_TABLE_PATH, "pageSize", "100"))).hasSize(2_000);
    }

    @Test
    void deletingMoreThanRemainsIsRefusedAndModifyOnlyTouchesRecordsLeft() {
        List<String> deleted = ids(admin("delete", "{\"count\": 20000}"));

        HttpResponse<String> tooMany = http.post("/_sandbox/airtable/delete", "{\"count\": 78}", null);
        List<String> modified = ids(admin("modify", "{\"count\": 77}"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/message").asText())
                .isEqualTo("count must be between 1 and 77 (the records not deleted), was 78");
        assertThat(modified).hasSize(77).doesNotContainAnyElementsOf(deleted);
        assertThat(listing().keySet()).containsExactlyInAnyOrderElementsOf(modified);
    }

    @Test
    void resetBringsEveryDeletedRecordBackUnchanged() {
        Map<String, JsonNode> before = listing();
        admin("delete", "{\"count\": 100}");
        admin("delete", "{\"count\": 10, \"base\": \"appClinicArchive\"}");

        assertThat(http.post("/_sandbox/reset", "", null).statusCode()).isEqualTo(200);

        assertThat(listing()).isEqualTo(before);
        assertThat(records(http.listAllIn(ARCHIVE_TABLE_PATH, "pageSize", "100"))).hasSize(2_000);
        assertThat(stats().at("/streams/Conversations").asInt()).isEqualTo(RECORDS);
        assertThat(stats().at("/bases/appClinicArchive/streams/Conversations").asInt()).isEqualTo(2_000);
    }
}
