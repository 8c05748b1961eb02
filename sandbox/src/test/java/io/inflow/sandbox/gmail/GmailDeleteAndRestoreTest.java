package io.inflow.sandbox.gmail;

import static io.inflow.sandbox.gmail.GmailHttp.USER;
import static io.inflow.sandbox.gmail.GmailHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /_sandbox/gmail/delete} and {@code /restore}: deleted messages leave the listing, the counts and
 * {@code messages.get}, and show in the history as {@code messagesDeleted}; restored ones come back with a
 * {@code messagesAdded} record.
 */
class GmailDeleteAndRestoreTest {

    /** Seed 42, default size: messages outside Spam and Trash, and all of them. */
    private static final int LISTED = 4_800;
    private static final int TOTAL = 5_000;

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private GmailHttp http;
    private SandboxHttp admin;
    private String token;

    private static Sandbox start(long seed, MutableClock clock) {
        return Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(seed).withClock(clock).withAirtableRecords(1)
                .withGmailUnitsPerSecond(0));
    }

    @BeforeEach
    void start() {
        sandbox = start(42, clock);
        http = new GmailHttp(sandbox);
        admin = new SandboxHttp(sandbox);
        token = http.accessToken();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode admin(String path, String body) {
        HttpResponse<String> response = admin.post("/_sandbox/gmail/" + path, body, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return SandboxHttp.json(response);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static String quoted(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

    private JsonNode ok(String pathAndQuery) {
        HttpResponse<String> response = http.get(pathAndQuery, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    /** The ids of every message listed with this query, following the page tokens. */
    private List<String> listing(String query) {
        List<String> ids = new ArrayList<>();
        String pageToken = null;
        do {
            JsonNode page = ok(USER + "/messages?maxResults=500" + query + (pageToken == null ? "" : "&pageToken=" + pageToken));
            if (page.has("messages")) {
                page.get("messages").forEach(message -> ids.add(message.get("id").asText()));
            }
            pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (pageToken != null);
        return ids;
    }

    /** Every history record after {@code start} with this extra query, following the page tokens. */
    private List<JsonNode> history(String start, String query) {
        List<JsonNode> records = new ArrayList<>();
        String pageToken = null;
        do {
            JsonNode page = ok(USER + "/history?startHistoryId=" + start + query
                    + (pageToken == null ? "" : "&pageToken=" + pageToken));
            if (page.has("history")) {
                page.get("history").forEach(records::add);
            }
            pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
        } while (pageToken != null);
        return records;
    }

    private String historyId() {
        return ok(USER + "/profile").get("historyId").asText();
    }

    private JsonNode stats() {
        return SandboxHttp.json(admin.get("/_sandbox/stats", null)).get("gmail");
    }

    @Test
    void deletedMessagesLeaveTheListingTheCountsAndTheirGet() {
        JsonNode before = ok(USER + "/profile");

        JsonNode answer = admin("delete", "{\"count\": 40}");

        List<String> deleted = ids(answer);
        List<String> listed = listing("");
        JsonNode profile = ok(USER + "/profile");
        assertThat(answer.get("deleted").asInt()).isEqualTo(40);
        assertThat(new HashSet<>(deleted)).hasSize(40).allMatch(id -> id.matches("[0-9a-f]{16}"));
        assertThat(listed).hasSize(LISTED - 40).doesNotContainAnyElementsOf(deleted);
        assertThat(listing("&includeSpamTrash=true")).hasSize(TOTAL - 40).doesNotContainAnyElementsOf(deleted);
        assertThat(before.get("messagesTotal").asInt()).isEqualTo(TOTAL);
        assertThat(profile.get("messagesTotal").asInt()).isEqualTo(TOTAL - 40);
        assertThat(profile.get("threadsTotal").asInt()).isLessThanOrEqualTo(before.get("threadsTotal").asInt());
        assertThat(stats().get("streams").toString()).isEqualTo("{\"messages\":4760,\"labels\":22}");
        assertThat(stats().at("/figures/messages").asInt()).isEqualTo(4_760);
        assertThat(sandbox.gmail().messageCount()).isEqualTo(4_760);
        HttpResponse<String> gone = http.get(USER + "/messages/" + deleted.get(0), token);
        HttpResponse<String> unknown = http.get(USER + "/messages/0000000000000001", token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(gone.body()).isEqualTo(unknown.body());
        assertThat(http.get(USER + "/messages/" + deleted.get(0) + "?format=minimal", token).statusCode()).isEqualTo(404);
    }

    @Test
    void theHistoryFromBeforeTheDeleteShowsExactlyTheDeletedMessages() {
        String start = historyId();
        List<String> candidates = listing("");

        List<String> deleted = ids(admin("delete", "{\"count\": 40}"));
        sandbox.gmail().modify(3);
        List<JsonNode> records = history(start, "&maxResults=15");
        List<JsonNode> deletions = history(start, "&historyTypes=messageDeleted");
        List<JsonNode> relabels = history(start, "&historyTypes=labelAdded&historyTypes=labelRemoved");

        assertThat(candidates).containsAll(deleted);
        assertThat(records).hasSize(43);
        assertThat(deletions).isEqualTo(records.subList(0, 40));
        assertThat(relabels).isEqualTo(records.subList(40, 43));
        List<String> deletedInHistory = new ArrayList<>();
        List<Long> historyIds = new ArrayList<>();
        for (JsonNode record : deletions) {
            assertThat(record.fieldNames()).toIterable().containsExactly("id", "messages", "messagesDeleted");
            JsonNode message = record.at("/messagesDeleted/0/message");
            assertThat(record.get("messagesDeleted")).hasSize(1);
            assertThat(message.fieldNames()).toIterable().containsExactly("id", "threadId", "labelIds");
            assertThat(record.get("messages").toString())
                    .isEqualTo("[{\"id\":\"" + message.get("id").asText() + "\",\"threadId\":\"" + message.get("threadId").asText() + "\"}]");
            assertThat(message.get("labelIds")).isNotEmpty().noneMatch(label -> label.asText().equals("SPAM") || label.asText().equals("TRASH"));
            deletedInHistory.add(message.get("id").asText());
            historyIds.add(record.get("id").asLong());
        }
        assertThat(deletedInHistory).containsExactlyElementsOf(deleted);
        assertThat(historyIds).isSorted().doesNotHaveDuplicates().allMatch(id -> id > Long.parseLong(start));
        assertThat(ok(USER + "/history?startHistoryId=" + start).get("historyId").asText()).isEqualTo(historyId());
        assertThat(records.get(42).get("id").asText()).isEqualTo(historyId());
        String afterDeletes = Long.toString(historyIds.get(39));
        assertThat(history(afterDeletes, "&historyTypes=messageDeleted")).isEmpty();
    }

    @Test
    void restoredMessagesComeBackAsTheyWereWithAMessagesAddedRecord() {
        List<String> deleted = ids(admin("delete", "{\"count\": 10}"));
        List<String> back = deleted.subList(3, 7);
        List<JsonNode> before = new ArrayList<>();
        try (Sandbox twin = start(42, MutableClock.at("2025-06-01T12:00:00Z"))) {
            GmailHttp twinHttp = new GmailHttp(twin);
            String twinToken = twinHttp.accessToken();
            for (String id : back) {
                before.add(json(twinHttp.get(USER + "/messages/" + id, twinToken)));
            }
        }
        String start = historyId();
        clock.advance(Duration.ofMinutes(5));

        JsonNode answer = admin("restore", "{\"ids\": " + quoted(back) + "}");

        assertThat(answer.toString()).isEqualTo("{\"restored\":4,\"ids\":" + quoted(back) + "}");
        List<JsonNode> added = history(start, "");
        assertThat(added).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode record = added.get(i);
            assertThat(record.at("/messagesAdded/0/message/id").asText()).isEqualTo(back.get(i));
            assertThat(record.at("/messagesAdded/0/message/labelIds")).isEqualTo(before.get(i).get("labelIds"));
            JsonNode now = ok(USER + "/messages/" + back.get(i));
            assertThat(now.get("historyId").asText()).isEqualTo(record.get("id").asText());
            assertThat(withoutHistoryId(now)).isEqualTo(withoutHistoryId(before.get(i)));
        }
        assertThat(listing("")).hasSize(LISTED - 6).containsAll(back).doesNotContainAnyElementsOf(deleted.subList(7, 10));
        assertThat(ok(USER + "/profile").get("messagesTotal").asInt()).isEqualTo(TOTAL - 6);
        assertThat(stats().at("/streams/messages").asInt()).isEqualTo(LISTED - 6);
    }

    private static JsonNode withoutHistoryId(JsonNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("historyId");
        return copy;
    }

    @Test
    void aRestoreNamingAnUnknownOrALiveMessageRestoresNothing() {
        List<String> deleted = ids(admin("delete", "{\"count\": 5}"));
        String live = listing("").get(0);
        String historyId = historyId();

        List<HttpResponse<String>> refused = List.of(
                admin.post("/_sandbox/gmail/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"0000000000000001\"]}", null),
                admin.post("/_sandbox/gmail/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"not-an-id\"]}", null),
                admin.post("/_sandbox/gmail/restore", "{\"ids\":[\"" + deleted.get(1) + "\",\"" + live + "\"]}", null),
                admin.post("/_sandbox/gmail/restore", "{\"ids\":[\"" + deleted.get(2) + "\",\"" + deleted.get(2) + "\"]}", null));

        assertThat(refused).allMatch(response -> response.statusCode() == 400);
        assertThat(SandboxHttp.json(refused.get(0)).at("/error/message").asText())
                .isEqualTo("unknown id 0000000000000001; nothing was restored");
        assertThat(SandboxHttp.json(refused.get(2)).at("/error/message").asText())
                .isEqualTo("id " + live + " is not deleted; nothing was restored");
        assertThat(historyId()).isEqualTo(historyId);
        assertThat(listing("")).hasSize(LISTED - 5).doesNotContainAnyElementsOf(deleted);
        assertThat(http.get(USER + "/messages/" + deleted.get(0), token).statusCode()).isEqualTo(404);
    }

    @Test
    void resetBringsEveryDeletedMessageBackWithItsHistoryRecord() {
        List<String> everything = listing("");
        List<String> deleted = ids(admin("delete", "{\"count\": 25}"));
        String start = historyId();

        assertThat(admin.post("/_sandbox/reset", "", null).statusCode()).isEqualTo(200);

        assertThat(listing("")).isEqualTo(everything);
        assertThat(ok(USER + "/profile").get("messagesTotal").asInt()).isEqualTo(TOTAL);
        assertThat(stats().at("/streams/messages").asInt()).isEqualTo(LISTED);
        List<String> added = new ArrayList<>();
        history(start, "&historyTypes=messageAdded").forEach(record -> added.add(record.at("/messagesAdded/0/message/id").asText()));
        assertThat(added).containsExactlyElementsOf(deleted);
        String quiet = historyId();
        admin.post("/_sandbox/reset", "", null);
        assertThat(historyId()).isEqualTo(quiet);
    }

    @Test
    void deletingMoreThanRemainsIsRefusedAndModifyOnlyTouchesMessagesLeft() {
        List<String> deleted = ids(admin("delete", "{\"count\": 4790}"));

        HttpResponse<String> tooMany = admin.post("/_sandbox/gmail/delete", "{\"count\": 11}", null);
        List<String> modified = ids(admin("modify", "{\"count\": 10}"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(tooMany).at("/error/message").asText())
                .isEqualTo("count must be between 1 and 10 (the records not deleted), was 11");
        assertThat(modified).doesNotContainAnyElementsOf(deleted);
        assertThat(listing("")).containsExactlyInAnyOrderElementsOf(modified);
    }

    @Test
    void theSameSeedDeletesTheSameMessagesAndAnotherSeedOthers() {
        List<List<String>> session = session(42);

        assertThat(session).isEqualTo(session(42));
        assertThat(session.get(0)).containsExactly("190952ce178940ab", "1926e04c1198fc9d", "19592f828ff7a19e");
        assertThat(session(7).get(0)).isNotEqualTo(session.get(0));
    }

    /** Deletes, a restore and a delete again, through HTTP; every answer's ids, then the history's ids. */
    private static List<List<String>> session(long seed) {
        try (Sandbox other = start(seed, MutableClock.at("2025-06-01T12:00:00Z"))) {
            SandboxHttp client = new SandboxHttp(other);
            List<List<String>> answers = new ArrayList<>();
            long start = other.gmail().historyId();
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/gmail/delete", "{\"count\":3}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/gmail/delete", "{\"count\":100}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/gmail/restore",
                    "{\"ids\":" + quoted(answers.get(1).subList(0, 50)) + "}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/gmail/delete", "{\"count\":7}", null))));
            answers.add(List.of(Long.toString(start), Long.toString(other.gmail().historyId())));
            return answers;
        }
    }
}
