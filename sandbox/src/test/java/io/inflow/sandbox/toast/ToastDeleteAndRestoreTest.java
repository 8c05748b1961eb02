package io.inflow.sandbox.toast;

import static io.inflow.sandbox.toast.ToastHttp.json;
import static io.inflow.sandbox.toast.ToastHttp.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /_sandbox/toast/delete} and {@code /restore}: a deleted order stays in {@code ordersBulk}, marked
 * {@code deleted} with its {@code deletedDate} and a new {@code modifiedDate}, and leaves the stats.
 */
class ToastDeleteAndRestoreTest {

    private static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-01-01T00:00:00Z");
    private static final String NOW = "2025-06-01T12:00:00.000+0000";

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private ToastHttp http;
    private String token;

    private static Sandbox start(long seed, MutableClock clock) {
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withSeed(seed).withClock(clock)
                .withAirtableRecords(1).withToastRequestsPerSecond(0));
        sandbox.toast().maxWindow(Period.ofYears(1));
        return sandbox;
    }

    @BeforeEach
    void start() {
        sandbox = start(42, clock);
        http = new ToastHttp(sandbox);
        token = http.token();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private JsonNode admin(String path, String body) {
        HttpResponse<String> response = http.post("/_sandbox/toast/" + path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static String quoted(List<String> ids) {
        return "[\"" + String.join("\",\"", ids) + "\"]";
    }

    /** Every order modified in the window, by GUID, paging to the end. */
    private Map<String, JsonNode> orders(Instant from, Instant until) {
        Map<String, JsonNode> byGuid = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> response = http.bulk(token, window(from, until) + "&pageSize=100&page=" + page);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode orders = json(response);
            if (orders.isEmpty()) {
                return byGuid;
            }
            orders.forEach(order -> byGuid.put(order.get("guid").asText(), order));
        }
    }

    private Map<String, JsonNode> everyOrder() {
        return orders(FROM, UNTIL);
    }

    private JsonNode stats() {
        return json(http.get("/_sandbox/stats", Map.of())).get("toast");
    }

    /** Net sales of an order as the figures count them: amounts of the checks not voided, of an order not voided. */
    private static BigDecimal revenue(JsonNode order) {
        BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        if (order.get("voided").asBoolean()) {
            return revenue;
        }
        for (JsonNode check : order.get("checks")) {
            if (!check.get("voided").asBoolean()) {
                revenue = revenue.add(check.get("amount").decimalValue());
            }
        }
        return revenue;
    }

    @Test
    void deletedOrdersStayInOrdersBulkMarkedDeletedAndModifiedNow() {
        Map<String, JsonNode> before = everyOrder();

        JsonNode answer = admin("delete", "{\"count\": 25}");

        List<String> deleted = ids(answer);
        Map<String, JsonNode> after = everyOrder();
        assertThat(answer.get("deleted").asInt()).isEqualTo(25);
        assertThat(new HashSet<>(deleted)).hasSize(25);
        assertThat(before).hasSize(Restaurant.ORDERS).containsKeys(deleted.toArray(String[]::new));
        assertThat(after).hasSize(Restaurant.ORDERS);
        List<String> markedDeleted = after.values().stream().filter(order -> order.get("deleted").asBoolean())
                .map(order -> order.get("guid").asText()).toList();
        assertThat(markedDeleted).containsExactlyInAnyOrderElementsOf(deleted);
        for (String guid : deleted) {
            JsonNode order = after.get(guid);
            assertThat(order.get("deletedDate").asText()).isEqualTo(NOW);
            assertThat(order.get("modifiedDate").asText()).isEqualTo(NOW);
            assertThat(without(order, "deleted", "deletedDate", "modifiedDate"))
                    .isEqualTo(without(before.get(guid), "deleted", "deletedDate", "modifiedDate"));
        }
        assertThat(after.values()).filteredOn(order -> !order.get("deleted").asBoolean())
                .allMatch(order -> order.get("deletedDate").isNull() && order.equals(before.get(order.get("guid").asText())));
        Map<String, JsonNode> sinceJustBefore = orders(Instant.parse("2025-06-01T11:59:00Z"), Instant.parse("2025-06-01T12:01:00Z"));
        assertThat(sinceJustBefore.keySet()).containsExactlyInAnyOrderElementsOf(deleted);
        JsonNode one = json(http.get("/toast/orders/v2/orders/" + deleted.get(0), ToastHttp.headers(token, Restaurant.GUID)));
        assertThat(one).isEqualTo(after.get(deleted.get(0)));
    }

    @Test
    void deletedOrdersLeaveTheStreamsAndTheFigures() {
        Map<String, JsonNode> before = everyOrder();
        List<String> deleted = ids(admin("delete", "{\"count\": 25}"));

        JsonNode stats = stats();

        long voided = deleted.stream().filter(guid -> before.get(guid).get("voided").asBoolean()).count();
        BigDecimal lost = deleted.stream().map(guid -> revenue(before.get(guid))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(stats.get("streams").toString()).isEqualTo("{\"orders\":5970}");
        assertThat(stats.at("/figures/orders").asInt()).isEqualTo((int) (5_953 - (25 - voided)));
        assertThat(stats.at("/figures/voided").asInt()).isEqualTo((int) (42 - voided));
        assertThat(stats.at("/figures/revenue").decimalValue()).isEqualByComparingTo(new BigDecimal("379478.40").subtract(lost));
        assertThat(lost).isPositive();
        assertThat(sandbox.toast().orderCount()).isEqualTo(5_970);
        assertThat(sandbox.toast().figures().orders()).isEqualTo(5_970);
    }

    @Test
    void restoredOrdersComeBackAsTheyWereModifiedAtTheRestore() {
        Map<String, JsonNode> before = everyOrder();
        List<String> deleted = ids(admin("delete", "{\"count\": 10}"));
        List<String> back = deleted.subList(0, 4);
        clock.advance(Duration.ofMinutes(5));

        JsonNode answer = admin("restore", "{\"ids\": " + quoted(back) + "}");

        assertThat(answer.toString()).isEqualTo("{\"restored\":4,\"ids\":" + quoted(back) + "}");
        Map<String, JsonNode> after = everyOrder();
        for (String guid : back) {
            JsonNode order = after.get(guid);
            assertThat(order.get("deleted").asBoolean()).isFalse();
            assertThat(order.get("deletedDate").isNull()).isTrue();
            assertThat(order.get("modifiedDate").asText()).isEqualTo("2025-06-01T12:05:00.000+0000");
            assertThat(without(order, "modifiedDate")).isEqualTo(without(before.get(guid), "modifiedDate"));
        }
        assertThat(after.values()).filteredOn(order -> order.get("deleted").asBoolean())
                .extracting(order -> order.get("guid").asText()).containsExactlyInAnyOrderElementsOf(deleted.subList(4, 10));
        assertThat(orders(Instant.parse("2025-06-01T12:04:00Z"), Instant.parse("2025-06-01T12:06:00Z")).keySet())
                .containsExactlyInAnyOrderElementsOf(back);
        assertThat(stats().at("/streams/orders").asInt()).isEqualTo(5_989);
    }

    @Test
    void aRestoreNamingAnUnknownOrALiveOrderRestoresNothing() {
        List<String> deleted = ids(admin("delete", "{\"count\": 5}"));
        String live = everyOrder().keySet().stream().filter(guid -> !deleted.contains(guid)).findFirst().orElseThrow();
        Map<String, JsonNode> before = everyOrder();

        List<HttpResponse<String>> refused = List.of(
                http.post("/_sandbox/toast/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"00000000-0000-4000-8000-000000000001\"]}"),
                http.post("/_sandbox/toast/restore", "{\"ids\":[\"" + deleted.get(0) + "\",\"not-a-guid\"]}"),
                http.post("/_sandbox/toast/restore", "{\"ids\":[\"" + deleted.get(1) + "\",\"" + live + "\"]}"),
                http.post("/_sandbox/toast/restore", "{\"ids\":[\"" + deleted.get(2) + "\",\"" + deleted.get(2) + "\"]}"));

        assertThat(refused).allMatch(response -> response.statusCode() == 400);
        assertThat(json(refused.get(0)).at("/error/message").asText())
                .isEqualTo("unknown id 00000000-0000-4000-8000-000000000001; nothing was restored");
        assertThat(json(refused.get(2)).at("/error/message").asText())
                .isEqualTo("id " + live + " is not deleted; nothing was restored");
        assertThat(everyOrder()).isEqualTo(before);
        assertThat(stats().at("/streams/orders").asInt()).isEqualTo(5_990);
    }

    @Test
    void resetBringsEveryDeletedOrderBackModifiedAtTheReset() {
        Map<String, JsonNode> before = everyOrder();
        List<String> deleted = ids(admin("delete", "{\"count\": 30}"));
        clock.advance(Duration.ofHours(1));

        assertThat(http.post("/_sandbox/reset", "").statusCode()).isEqualTo(200);

        Map<String, JsonNode> after = everyOrder();
        assertThat(after.values()).noneMatch(order -> order.get("deleted").asBoolean());
        for (String guid : deleted) {
            assertThat(after.get(guid).get("modifiedDate").asText()).isEqualTo("2025-06-01T13:00:00.000+0000");
            assertThat(without(after.get(guid), "modifiedDate")).isEqualTo(without(before.get(guid), "modifiedDate"));
        }
        assertThat(stats().get("streams").toString()).isEqualTo("{\"orders\":5995}");
        assertThat(stats().at("/figures/revenue").decimalValue()).isEqualByComparingTo("379478.40");
    }

    @Test
    void deletingMoreThanRemainsIsRefusedAndModifyOnlyTouchesOrdersLeft() {
        List<String> deleted = ids(admin("delete", "{\"count\": 5990}"));

        HttpResponse<String> tooMany = http.post("/_sandbox/toast/delete", "{\"count\": 6}");
        List<String> modified = ids(admin("modify", "{\"count\": 5}"));

        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(json(tooMany).at("/error/message").asText())
                .isEqualTo("count must be between 1 and 5 (the records not deleted), was 6");
        assertThat(modified).hasSize(5).doesNotContainAnyElementsOf(deleted);
        assertThat(stats().at("/streams/orders").asInt()).isEqualTo(5);
    }

    @Test
    void theSameSeedDeletesTheSameOrdersAndAnotherSeedOthers() {
        List<List<String>> session = session(42);

        assertThat(session).isEqualTo(session(42));
        assertThat(session.get(0)).containsExactly("2da9a453-57e1-40a4-afaa-9294b26bd40a",
                "7d3322d1-3038-48ce-84f3-7b1dde95f5de", "ba35d1e9-861a-4aa0-ad8e-f67b51f00e84");
        assertThat(session(7).get(0)).isNotEqualTo(session.get(0));
    }

    /** Deletes, a restore and a delete again, through HTTP; every answer's ids. */
    private static List<List<String>> session(long seed) {
        try (Sandbox other = start(seed, MutableClock.at("2025-06-01T12:00:00Z"))) {
            ToastHttp client = new ToastHttp(other);
            List<List<String>> answers = new ArrayList<>();
            answers.add(ids(json(client.post("/_sandbox/toast/delete", "{\"count\":3}"))));
            answers.add(ids(json(client.post("/_sandbox/toast/delete", "{\"count\":200}"))));
            answers.add(ids(json(client.post("/_sandbox/toast/restore", "{\"ids\":" + quoted(answers.get(1).subList(0, 100)) + "}"))));
            answers.add(ids(json(client.post("/_sandbox/toast/delete", "{\"count\":9}"))));
            return answers;
        }
    }

    private static JsonNode without(JsonNode order, String... fields) {
        ObjectNode copy = order.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }
}
