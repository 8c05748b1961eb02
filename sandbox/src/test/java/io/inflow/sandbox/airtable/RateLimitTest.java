package io.inflow.sandbox.airtable;

import static io.inflow.sandbox.SandboxHttp.TABLE_PATH;
import static io.inflow.sandbox.SandboxHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxHttp;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final String RATE_LIMITED =
            "{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}";

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00Z");
    private Sandbox sandbox;
    private SandboxHttp http;

    private void start(SandboxOptions options) {
        sandbox = Sandbox.start(options.withPort(0));
        http = new SandboxHttp(sandbox);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private List<Integer> burst(int requests) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(http.get(TABLE_PATH + "?maxRecords=1").statusCode());
        }
        return statuses;
    }

    @Test
    void theSixthRequestWithinASecondIsRefusedAndLocksTheBaseOutForTheLockout() {
        start(SandboxOptions.defaults().withClock(clock));

        assertThat(burst(6)).containsExactly(200, 200, 200, 200, 200, 429);
        clock.advance(Duration.ofMillis(29_999));
        HttpResponse<String> duringLockout = http.get(TABLE_PATH + "?maxRecords=1");
        clock.advance(Duration.ofMillis(1));
        HttpResponse<String> afterLockout = http.get(TABLE_PATH + "?maxRecords=1");

        assertThat(duringLockout.statusCode()).isEqualTo(429);
        assertThat(duringLockout.body()).isEqualTo(RATE_LIMITED);
        assertThat(duringLockout.headers().firstValue("Retry-After")).isEmpty();
        assertThat(afterLockout.statusCode()).isEqualTo(200);
        assertThat(sandbox.airtable().violationCount()).isEqualTo(2);
        assertThat(sandbox.airtable().requestCount()).isEqualTo(8);
        assertThat(json(http.get("/_sandbox/stats")).get("airtable").get("violations").asLong()).isEqualTo(2);
    }

    @Test
    void theWindowIsTheLastSecondHalfOpen() {
        start(SandboxOptions.defaults().withClock(clock));

        assertThat(burst(5)).containsOnly(200);
        clock.advance(Duration.ofMillis(999));
        assertThat(burst(1)).containsExactly(429);
        sandbox.reset();
        assertThat(burst(5)).containsOnly(200);
        clock.advance(Duration.ofMillis(1_000));
        assertThat(burst(5)).containsOnly(200);
    }

    @Test
    void unauthenticatedRequestsSpendNoneOfTheBasesBudgetButAreCounted() {
        start(SandboxOptions.defaults().withClock(clock));

        for (int i = 0; i < 10; i++) {
            assertThat(http.get(TABLE_PATH, null).statusCode()).isEqualTo(401);
        }

        assertThat(burst(5)).containsOnly(200);
        assertThat(sandbox.airtable().requestCount()).isEqualTo(15);
    }

    @Test
    void theTokenMayNotExceedFiftyRequestsPerSecondAcrossBases() {
        start(SandboxOptions.defaults().withClock(clock).withAirtableRequestsPerSecond(1_000));

        List<Integer> statuses = burst(51);

        assertThat(statuses.subList(0, 50)).containsOnly(200);
        assertThat(statuses.get(50)).isEqualTo(429);
        assertThat(http.get("/airtable/v0/meta/bases").statusCode()).isEqualTo(429);
    }

    @Test
    void aLimitOfZeroSwitchesEveryLimitOff() {
        start(SandboxOptions.defaults().withClock(clock).withAirtableRequestsPerSecond(0));

        assertThat(burst(80)).containsOnly(200);
    }

    @Test
    void theLimitCanBeChangedAtRunTime() {
        start(SandboxOptions.defaults().withClock(clock).withAirtableRequestsPerSecond(0));

        HttpResponse<String> answer = http.post("/_sandbox/airtable/limits", "{\"requestsPerSecond\": 5}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).get("requestsPerSecond").asInt()).isEqualTo(5);
        assertThat(burst(6)).endsWith(429);
        http.post("/_sandbox/airtable/limits", "{\"requestsPerSecond\": 100}");
        assertThat(burst(10)).containsOnly(200);
    }

    @Test
    void aRealBurstAgainstTheRealClockIsRefused() {
        start(SandboxOptions.defaults().withAirtableLockout(Duration.ofMillis(200)));

        List<Integer> statuses = burst(20);

        assertThat(statuses).contains(429);
        assertThat(sandbox.airtable().violationCount()).isPositive();
    }
}
