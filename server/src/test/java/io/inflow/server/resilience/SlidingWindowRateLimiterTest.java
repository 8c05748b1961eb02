package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, Duration.ofSeconds(1), now::get);

    @Test
    void letsABurstUpToTheLimitThroughAtOnce() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve()).isZero();
        }
        assertThat(limiter.reserve()).isEqualTo(SECOND);
    }

    @Test
    void neverStartsMoreThanTheLimitInAnySlidingWindow() {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            now.addAndGet(i % 7 == 0 ? 3 * SECOND / 10 : SECOND / 50);
            starts.add(now.get() + limiter.reserve());
        }
        for (long start : starts) {
            long inWindow = starts.stream().filter(other -> other > start - SECOND && other <= start).count();
            assertThat(inWindow).as("starts in the second ending at %d", start).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void fractionalRatesBecomeOnePermitPerLongerWindow() {
        SlidingWindowRateLimiter halfPerSecond = SlidingWindowRateLimiter.perSecond(0.5, 0);

        assertThat(halfPerSecond.permits()).isEqualTo(1);
        assertThat(halfPerSecond.window()).isEqualTo(Duration.ofSeconds(2).plusMillis(5));
    }

    @Test
    void theMarginWidensTheWindow() {
        SlidingWindowRateLimiter airtable = SlidingWindowRateLimiter.perSecond(5, 0.03);

        assertThat(airtable.permits()).isEqualTo(5);
        assertThat(airtable.window()).isEqualTo(Duration.ofMillis(1035));
    }
}
