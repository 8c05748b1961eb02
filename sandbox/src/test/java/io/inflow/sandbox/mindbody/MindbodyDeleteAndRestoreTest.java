package io.inflow.sandbox.mindbody;

import static io.inflow.sandbox.mindbody.MindbodyHttp.V6;
import static io.inflow.sandbox.mindbody.MindbodyHttp.json;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /_sandbox/mindbody/delete} and {@code /restore}: deleted clients leave every client list and the stats. */
class MindbodyDeleteAndRestoreTest {

    private static final String ALL_CLIENTS = V6 + "/client/clients?request.includeInactive=true";
    private static final String ACTIVE_CLIENTS = V6 + "/client/clients?request.includeInactive=false";
    private static final int CLIENTS = 6_539;
    private static final int ACTIVE = 536;

    private final MutableClock clock = MutableClock.at("2025-12-01T09:00:00Z");
    private Sandbox sandbox;
    private MindbodyHttp http;
    private SandboxHttp admin;
    private String token;

    private static Sandbox start(long seed, MutableClock clock) {
        return Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(seed).withClock(clock).withAirtableRecords(1)
                .withMindbodyRequestsPerSecond(0));
    }

    @BeforeEach
    void start() {
        sandbox = start(42, clock);
        http = new MindbodyHttp(sandbox);
        admin = new SandboxHttp(sandbox);
        token = http.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode admin(String path, String body) {
        HttpResponse<String> response = admin.post("/_sandbox/mindbody/" + path, body, null);
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

    /** Every client of the list, by UniqueId, in list order. */
    private Map<String, JsonNode> clients(String list) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        http.all(list, "Clients", token).forEach(client -> byId.put(client.get("UniqueId").asText(), client));
        return byId;
    }

    private JsonNode stats() {
        return SandboxHttp.json(admin.get("/_sandbox/stats", null)).get("mindbody");
    }

    @Test
    void deletedClientsLeaveEveryClientListAndTheStats() {
        Map<String, JsonNode> before = clients(ALL_CLIENTS);

        JsonNode answer = admin("delete", "{\"count\": 30}");

        List<String> deleted = ids(answer);
        long active = deleted.stream().filter(id -> before.get(id).get("Active").asBoolean()).count();
        Map<String, JsonNode> after = clients(ALL_CLIENTS);
        assertThat(answer.get("deleted").asInt()).isEqualTo(30);
        assertThat(new HashSet<>(deleted)).hasSize(30).allMatch(id -> id.matches("\\d+"));
        assertThat(before).hasSize(CLIENTS).containsKeys(deleted.toArray(String[]::new));
        assertThat(after).hasSize(CLIENTS - 30).doesNotContainKeys(deleted.toArray(String[]::new));
        assertThat(new ArrayList<>(after.keySet())).isEqualTo(before.keySet().stream().filter(after::containsKey).toList());
        assertThat(clients(ACTIVE_CLIENTS)).hasSize((int) (ACTIVE - active)).doesNotContainKeys(deleted.toArray(String[]::new));
        JsonNode byUniqueId = json(http.get(V6 + "/client/clients?request.includeInactive=true&request.uniqueIds="
                + deleted.get(0), token));
        assertThat(byUniqueId.at("/PaginationResponse/TotalResults").asInt()).isZero();
        JsonNode stats = stats();
        assertThat(stats.get("streams").toString()).isEqualTo("{\"clients\":6509,\"classes\":84,\"class_schedules\":39022,"
                + "\"visits\":84216,\"sales\":12407}");
        assertThat(stats.get("clients").toString()).isEqualTo("{\"total\":6509,\"active\":" + (ACTIVE - active)
                + ",\"inactive\":" + (CLIENTS - ACTIVE - (30 - active)) + "}");
    }

    @Test
    void restoredClientsComeBackExactlyAsTheyWere() {
        Map<String, JsonNode> before = clients(ALL_CLIENTS);
        List<String> deleted = ids(admin("delete", "{\"count\": 12}"));
        List<String> back = deleted.subList(0, 5);

        JsonNode answer = admin("restore", "{\"ids\": " + quoted(back) + "}");

        assertThat(answer.toString()).isEqualTo("{\"restored\":5,\"ids\":" + quoted(back) + "}");
        Map<String, JsonNode> after = clients(ALL_CLIENTS);
        assertThat(after).hasSize(CLIENTS - 7).doesNotContainKeys(deleted.subList(5, 12).toArray(String[]::new));
        for (String id : back) {
            assertThat(after.get(id)).isEqualTo(before.get(id));
        }
        assertThat(stats().at("/streams/clients").asInt()).isEqualTo(CLIENTS - 7);
    }

    @Test
    void aRestoreNamingAnUnknownOrALiveClientRestoresNothing() {
        List<String> deleted = ids(admin("delete", "{\"count\": 5}"));
        Map<String, JsonNode> before = clients(ALL_CLIENTS);
        String live = before.keySet().iterator().next();

        List<HttpResponse<String>> refused = List.of(
                admin.post("/_sandbox/mindbody/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"1\"]}", null),
                admin.post("/_sandbox/mindbody/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"abc\"]}", null),
                admin.post("/_sandbox/mindbody/restore", "{\"ids\":[\"" + deleted.get(1) + "\",\"" + live + "\"]}", null),
                admin.post("/_sandbox/mindbody/restore", "{\"ids\":[" + deleted.get(1) + "]}", null));

        assertThat(refused).allMatch(response -> response.statusCode() == 400);
        assertThat(SandboxHttp.json(refused.get(0)).at("/error/message").asText()).isEqualTo("unknown id 1; nothing was restored");
        assertThat(SandboxHttp.json(refused.get(2)).at("/error/message").asText())
                .isEqualTo("id " + live + " is not deleted; nothing was restored");
        assertThat(SandboxHttp.json(refused.get(3)).at("/error/message").asText())
                .isEqualTo("ids must be an array of strings; " + deleted.get(1) + " is not a string");
        assertThat(clients(ALL_CLIENTS)).isEqualTo(before);
        assertThat(stats().at("/clients/total").asInt()).isEqualTo(CLIENTS - 5);
    }

    @Test
    void resetBringsDeletedClientsBackButNotMergedOnes() {
        Map<String, JsonNode> before = clients(ALL_CLIENTS);
        admin("delete", "{\"count\": 40}");
        long merged = Long.parseLong(before.keySet().iterator().next());
        sandbox.mindbody().mergeClients(List.of(merged));

        assertThat(admin.post("/_sandbox/reset", "", null).statusCode()).isEqualTo(200);

        Map<String, JsonNode> after = clients(ALL_CLIENTS);
        before.remove(Long.toString(merged));
        assertThat(after).isEqualTo(before);
        assertThat(stats().get("clients").toString()).isEqualTo("{\"total\":6538,\"active\":"
                + sandbox.mindbody().activeClients() + ",\"inactive\":" + (6_538 - sandbox.mindbody().activeClients()) + "}");
        assertThat(clients(ACTIVE_CLIENTS)).hasSize((int) sandbox.mindbody().activeClients());
    }

    @Test
    void deletingMoreThanRemainsIsRefusedAndModifyOnlyTouchesClientsLeft() {
        List<String> deleted = ids(admin("delete", "{\"count\": 6530}"));

        HttpResponse<String> tooMany = admin.post("/_sandbox/mindbody/delete", "{\"count\": 10}", null);
        List<String> modified = ids(admin("modify", "{\"count\": 9}"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(SandboxHttp.json(tooMany).at("/error/message").asText())
                .isEqualTo("count must be between 1 and 9 (the records not deleted), was 10");
        assertThat(modified).hasSize(9).doesNotContainAnyElementsOf(deleted);
        assertThat(clients(ALL_CLIENTS).keySet()).containsExactlyInAnyOrderElementsOf(modified);
    }

    @Test
    void theSameSeedDeletesTheSameClientsAndAnotherSeedOthers() {
        List<List<String>> session = session(42);

        assertThat(session).isEqualTo(session(42));
        assertThat(session.get(0)).containsExactly("100002856", "100003081", "100004647");
        assertThat(session(7).get(0)).isNotEqualTo(session.get(0));
    }

    /** Deletes, a restore and a delete again, through HTTP; every answer's ids. */
    private static List<List<String>> session(long seed) {
        try (Sandbox other = start(seed, MutableClock.at("2025-12-01T09:00:00Z"))) {
            SandboxHttp client = new SandboxHttp(other);
            List<List<String>> answers = new ArrayList<>();
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/mindbody/delete", "{\"count\":3}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/mindbody/delete", "{\"count\":300}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/mindbody/restore",
                    "{\"ids\":" + quoted(answers.get(1).subList(0, 150)) + "}", null))));
            answers.add(ids(SandboxHttp.json(client.post("/_sandbox/mindbody/delete", "{\"count\":8}", null))));
            return answers;
        }
    }
}
