package io.inflow.sandbox.toast;

import static io.inflow.sandbox.toast.ToastHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.sandbox.MutableClock;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Toast's limits in fixed time slices: 5 ordersBulk calls per second per location, 20 calls per second, 10,000 per 15 minutes. */
class ToastRateLimitTest {

    private static final String DAY = ToastHttp.window(Instant.parse("2025-03-01T16:00:00Z"), Instant.parse("2025-03-02T16:00:00Z"));

    private final MutableClock clock = MutableClock.at("2025-06-01T12:00:00.250Z");
    private Sandbox sandbox;
    private ToastHttp http;
    private String token;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults().withPort(0).withClock(clock).withAirtableRecords(1));
        http = new ToastHttp(sandbox);
        token = http.token();
        clock.advance(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theSixthOrdersBulkCallInASecondIsRefusedUntilTheNextSecond() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(http.bulk(token, DAY).statusCode());
        }
        HttpResponse<String> refused = http.bulk(token, DAY);
        clock.advance(Duration.ofMillis(750));
        HttpResponse<String> nextSecond = http.bulk(token, DAY);

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(refused.headers().firstValue("X-Toast-RateLimit-By")).contains("ENDPOINT");
        assertThat(refused.headers().firstValue("X-Toast-RateLimit-Remaining")).contains("0");
        assertThat(refused.headers().firstValue("X-Toast-RateLimit-Reset")).contains("1748779202");
        assertThat(json(refused).path("status").asInt()).isEqualTo(429);
        assertThat(nextSecond.statusCode()).isEqualTo(200);
        assertThat(sandbox.toast().violationCount()).isEqualTo(2);
    }

    @Test
    void everyAnswerTellsTheLimitClosestToBeingReached() {
        HttpResponse<String> first = http.bulk(token, DAY);
        HttpResponse<String> second = http.bulk(token, DAY);

        assertThat(first.headers().firstValue("X-Toast-RateLimit-By")).contains("ENDPOINT");
        assertThat(first.headers().firstValue("X-Toast-RateLimit-Remaining")).contains("4");
        assertThat(second.headers().firstValue("X-Toast-RateLimit-Remaining")).contains("3");
        assertThat(first.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void theTwentyFirstCallOfAClientInASecondIsRefusedWhateverTheEndpoint() {
        String guid = json(http.bulk(token, DAY)).get(0).path("guid").asText();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(http.get("/toast/orders/v2/orders/" + guid, ToastHttp.headers(token, Restaurant.GUID)).statusCode());
        }

        assertThat(statuses.subList(0, 19)).containsOnly(200);
        HttpResponse<String> refused = http.get("/toast/orders/v2/orders/" + guid, ToastHttp.headers(token, Restaurant.GUID));
        assertThat(statuses.get(19)).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-Toast-RateLimit-By")).contains("GLOBAL");
    }

    @Test
    void aQuarterHourHoldsAtMostItsShareOfCalls() {
        sandbox.toast().limitTo(100, 100, 10);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            statuses.add(http.bulk(token, DAY).statusCode());
            clock.advance(Duration.ofSeconds(1));
        }
        HttpResponse<String> refused = http.bulk(token, DAY);

        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(statuses.get(10)).isEqualTo(429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(2L, 900L);
    }

    @Test
    void limitsCanBeSwitchedOff() {
        sandbox.toast().limitTo(0, 20, 10_000);

        for (int i = 0; i < 30; i++) {
            assertThat(http.bulk(token, DAY).statusCode()).isEqualTo(200);
        }
        assertThat(sandbox.toast().violationCount()).isZero();
    }

    @Test
    void anInjectedRateLimitIsNoViolation() {
        sandbox.faults(io.inflow.sandbox.faults.FaultProfile.NONE.with(io.inflow.sandbox.faults.Fault.HTTP_429, 1));

        HttpResponse<String> response = http.bulk(token, DAY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(sandbox.toast().violationCount()).isZero();
    }
}
