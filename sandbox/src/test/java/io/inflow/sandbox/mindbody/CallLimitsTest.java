package io.inflow.sandbox.mindbody;

import static io.inflow.sandbox.mindbody.MindbodyHttp.V6;
import static io.inflow.sandbox.mindbody.MindbodyHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-second limit and the daily quota of an API key. */
class CallLimitsTest {

    private static final String TOO_MANY = MindbodyHttp.error("TooManyRequests", "Too many requests. Please try again later.");
    private static final String CATALOGUE = V6 + "/class/classdescriptions?request.limit=1";

    private final MutableClock clock = MutableClock.at("2025-12-01T23:59:00Z");
    private Sandbox sandbox;
    private MindbodyHttp http;

    private void start(MindbodyOptions options) {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withMindbody(options));
        http = new MindbodyHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<Integer> burst(int calls) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            statuses.add(http.send(http.request(CATALOGUE)).statusCode());
        }
        return statuses;
    }

    @Test
    void theEleventhCallWithinASecondIsRefusedAsAViolation() {
        start(MindbodyOptions.defaults());

        List<Integer> statuses = burst(11);
        HttpResponse<String> refused = http.send(http.request(CATALOGUE));
        clock.advance(Duration.ofSeconds(1));
        List<Integer> nextSecond = burst(10);

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).isEqualTo(TOO_MANY);
        assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
        assertThat(nextSecond).containsOnly(200);
        assertThat(sandbox.mindbody().violationCount()).isEqualTo(2);
        assertThat(json(http.send(http.bare("/_sandbox/stats"))).get("mindbody").get("violations").asLong()).isEqualTo(2);
    }

    @Test
    void callsWithoutAValidKeySpendNothing() {
        start(MindbodyOptions.defaults());

        for (int i = 0; i < 20; i++) {
            http.send(http.bare(CATALOGUE));
        }

        assertThat(burst(10)).containsOnly(200);
        assertThat(sandbox.mindbody().requestCount()).isEqualTo(30);
        assertThat(sandbox.mindbody().violationCount()).isZero();
    }

    @Test
    void beyondTheDailyQuotaCallsAreAnsweredAndCountedAsBilledOverage() {
        start(MindbodyOptions.defaults().withRequestsPerSecond(0).withDailyQuota(5));

        assertThat(burst(8)).containsOnly(200);

        JsonNode quota = json(http.send(http.bare("/_sandbox/stats"))).get("mindbody").get("quota");
        assertThat(quota.toString()).isEqualTo("{\"callsToday\":8,\"dailyQuota\":5,\"overQuota\":\"bill\",\"billedOverage\":3}");
        assertThat(sandbox.mindbody().violationCount()).isZero();
    }

    @Test
    void aBlockingQuotaRefusesCallsUntilTheNextUtcDay() {
        start(MindbodyOptions.defaults().withRequestsPerSecond(0).withDailyQuota(5)
                .withOverQuota(MindbodyOptions.OverQuota.BLOCK));

        List<Integer> today = burst(7);
        HttpResponse<String> refused = http.send(http.request(CATALOGUE));
        clock.advance(Duration.ofMinutes(1));
        List<Integer> tomorrow = burst(5);

        assertThat(today).containsExactly(200, 200, 200, 200, 200, 429, 429);
        assertThat(refused.body()).isEqualTo(MindbodyHttp.error("TooManyRequests",
                "The daily call limit of this API key has been reached."));
        assertThat(tomorrow).containsOnly(200);
        assertThat(sandbox.mindbody().violationCount()).isEqualTo(3);
    }

    @Test
    void limitsChangeAtRunTimeThroughTheAdminSurface() {
        start(MindbodyOptions.defaults());

        HttpResponse<String> changed = http.send(http.bare("/_sandbox/mindbody/limits")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"requestsPerSecond\":2,\"overQuota\":\"block\"}")));
        HttpResponse<String> wrong = http.send(http.bare("/_sandbox/mindbody/limits")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"perSecond\":2}")));

        assertThat(changed.body()).isEqualTo("{\"requestsPerSecond\":2,\"dailyQuota\":1000,\"overQuota\":\"block\","
                + "\"tokenLifetimeMillis\":86400000}");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(burst(3)).containsExactly(200, 200, 429);
    }
}
