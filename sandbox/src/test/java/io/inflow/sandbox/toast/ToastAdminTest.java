package io.inflow.sandbox.toast;

import static io.inflow.sandbox.toast.ToastHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.faults.FaultProfile;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Toast fake's admin surface, and the faults it takes part in. */
class ToastAdminTest {

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private ToastHttp http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(1));
        http = new ToastHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theConnectionBodyPointsHereWithCredentialsTheFakeAccepts() {
        JsonNode connection = json(http.get("/_sandbox/connections/toast", Map.of()));

        assertThat(connection.toString()).isEqualTo("{\"plugin\":\"toast\",\"name\":\"toast-sandbox\",\"config\":{"
                + "\"baseUrl\":\"" + sandbox.baseUrl() + "/toast\",\"clientId\":\"inflow-sandbox-client\","
                + "\"clientSecret\":\"sandbox-token\",\"restaurantGuid\":\"" + Restaurant.GUID + "\","
                + "\"startDate\":\"2025-03-01\"}}");
        assertThat(json(http.get("/_sandbox/connections", Map.of())).get("toast")).isEqualTo(connection);
    }

    @Test
    void statsCountRequestsAndGiveTheOrdersAndTheirExactFigures() {
        http.token();
        http.get(ToastHttp.BULK, Map.of());

        String stats = http.get("/_sandbox/stats", Map.of()).body();

        assertThat(stats).contains("\"toast\":{\"requests\":2,\"violations\":0,\"streams\":{\"orders\":5995},"
                + "\"figures\":{\"orders\":5953,\"voided\":42,\"revenue\":379478.40,\"average_ticket\":63.75},"
                + "\"faults\":{\"http429\":0,\"http5xx\":0,\"slow\":0,\"drop\":0,\"malformedPage\":0,\"malformedRecord\":0,"
                + "\"expiredToken\":0}}");
    }

    @Test
    void modifyAdjustsTipsAndStampsTheOrdersWithANewModifiedDateLeavingRevenueAlone() {
        String revenue = sandbox.toast().figures().revenue().toPlainString();

        HttpResponse<String> response = http.post("/_sandbox/toast/modify", "{\"count\":3}");

        JsonNode answer = json(response);
        assertThat(answer.path("modified").asInt()).isEqualTo(3);
        assertThat(answer.path("ids")).hasSize(3);
        String token = http.token();
        for (JsonNode id : answer.path("ids")) {
            JsonNode order = json(http.get("/toast/orders/v2/orders/" + id.asText(), ToastHttp.headers(token, Restaurant.GUID)));
            assertThat(order.path("modifiedDate").asText()).isEqualTo("2025-06-01T12:00:00.000+0000");
            assertThat(order.path("checks").get(0).path("modifiedDate").asText()).isEqualTo("2025-06-01T12:00:00.000+0000");
        }
        assertThat(sandbox.toast().figures().revenue().toPlainString()).isEqualTo(revenue);
        assertThat(sandbox.toast().ordersModifiedBetween(Instant.parse("2025-06-01T12:00:00Z"),
                Instant.parse("2025-06-01T12:00:01Z"))).isEqualTo(3);
    }

    @Test
    void modifyRefusesWhatItCannotDo() {
        assertThat(http.post("/_sandbox/toast/modify", "{\"count\":0}").statusCode()).isEqualTo(400);
        assertThat(http.post("/_sandbox/toast/modify", "{\"count\":5996}").statusCode()).isEqualTo(400);
        assertThat(http.post("/_sandbox/toast/modify", "{\"count\":1,\"base\":\"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void theSameModificationsPickTheSameOrdersInATwinSandbox() {
        JsonNode ids = json(http.post("/_sandbox/toast/modify", "{\"count\":5}")).path("ids");

        try (Sandbox twin = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(1))) {
            assertThat(twin.toast().modify(5).ids()).containsExactlyElementsOf(
                    java.util.stream.StreamSupport.stream(ids.spliterator(), false).map(JsonNode::asText).toList());
        }
    }

    @Test
    void limitsCanBeReadAndChanged() {
        JsonNode before = json(http.get("/_sandbox/toast/limits", Map.of()));
        JsonNode after = json(http.post("/_sandbox/toast/limits", "{\"requestsPerSecond\":50,\"tokenLifetimeSeconds\":60}"));

        assertThat(before.toString()).isEqualTo("{\"requestsPerSecond\":5,\"globalRequestsPerSecond\":20,"
                + "\"globalRequestsPerQuarterHour\":10000,\"tokenLifetimeSeconds\":86400,\"maxWindow\":\"P1M\","
                + "\"linkNextOnEveryPage\":false}");
        assertThat(after.path("requestsPerSecond").asInt()).isEqualTo(50);
        assertThat(after.path("tokenLifetimeSeconds").asInt()).isEqualTo(60);
        assertThat(json(http.login(ToastHttp.CREDENTIALS)).path("token").path("expiresIn").asInt()).isEqualTo(60);
        assertThat(http.post("/_sandbox/toast/limits", "{\"perHour\":1}").statusCode()).isEqualTo(400);
    }

    @Test
    void theRequestLogShowsTheFakesRequests() {
        http.token();

        JsonNode log = json(http.get("/_sandbox/requests?api=toast", Map.of()));

        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("path").asText()).isEqualTo(ToastHttp.LOGIN);
        assertThat(log.get(0).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aMalformedRecordKeepsItsGuidAndEveryOtherFieldIsBroken() {
        String token = http.token();
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_RECORD, 1));

        JsonNode page = json(http.bulk(token, ToastHttp.window(Instant.parse("2025-03-01T00:00:00Z"),
                Instant.parse("2025-03-02T00:00:00Z"))));

        assertThat(page).isNotEmpty().allSatisfy(order -> {
            assertThat(order.path("guid").asText()).matches("[0-9a-f-]{36}");
            assertThat(order.path("modifiedDate").asText()).isEqualTo("not-a-date");
            assertThat(order.path("checks").isTextual()).isTrue();
        });
        assertThat(sandbox.toast().faultCount(Fault.MALFORMED_RECORD)).isEqualTo(page.size());
    }

    @Test
    void aMalformedPageIsCutShortAndAnExpiredTokenStaysDeadOnceHealed() {
        String token = http.token();
        String day = ToastHttp.window(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"));
        sandbox.faults(FaultProfile.NONE.with(Fault.MALFORMED_PAGE, 1));
        HttpResponse<String> cut = http.bulk(token, day);
        sandbox.faults(FaultProfile.NONE.with(Fault.EXPIRED_TOKEN, 1));
        HttpResponse<String> expired = http.bulk(token, day);
        sandbox.faults(FaultProfile.NONE);

        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).startsWith("[").doesNotEndWith("]");
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(http.bulk(token, day).statusCode()).isEqualTo(401);
        assertThat(http.bulk(http.token(), day).statusCode()).isEqualTo(200);
    }

    @Test
    void anInjectedServerErrorIsToastsOwnErrorMessage() {
        sandbox.faults(FaultProfile.NONE.with(Fault.HTTP_5XX, 1));
        HttpResponse<String> response;
        do {
            response = http.login(ToastHttp.CREDENTIALS);
        } while (response.statusCode() != 500);

        assertThat(json(response).path("status").asInt()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).isNotBlank();
    }
}
