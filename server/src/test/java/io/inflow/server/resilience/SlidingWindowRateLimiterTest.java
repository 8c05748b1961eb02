package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, Duration.ofSeconds(1), now::get);

    @Test
    void letsABurstUpToTheLimitThroughAtOnce() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire().orElseThrow().close();
        }
        assertThat(limiter.tryAcquire()).isEmpty();
        assertThat(limiter.waitNanos()).isEqualTo(SECOND);
    }

    @Test
    void aCallInFlightCountsUntilItsAnswerComesAndAWindowAfterIt() {
        List<SlidingWindowRateLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            inFlight.add(limiter.tryAcquire().orElseThrow());
        }
        now.addAndGet(10 * SECOND);
        assertThat(limiter.tryAcquire()).as("five calls still in flight").isEmpty();

        inFlight.get(0).close(); // its answer comes back now: it arrived at the latest now
        now.addAndGet(SECOND - 1);
        assertThat(limiter.tryAcquire()).isEmpty();
        now.addAndGet(1);
        assertThat(limiter.tryAcquire()).isPresent();
    }

    @Test
    void aCallThatArrivesLateNeverLetsTheNextBurstIntoItsWindow() {
        // the first call's answer is slow: the window runs from its answer, not from its start
        SlidingWindowRateLimiter.Permit slow = limiter.tryAcquire().orElseThrow();
        for (int i = 0; i < 4; i++) {
            limiter.tryAcquire().orElseThrow().close();
        }
        now.addAndGet(300_000_000L);
        slow.close();
        now.addAndGet(SECOND - 300_000_000L);

        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire()).as("four answers left the window").isPresent();
        }
        assertThat(limiter.tryAcquire()).as("the slow one's answer came only 0.7 s ago").isEmpty();
    }

    @Test
    void neverLetsMoreThanTheLimitFinishInAnySlidingWindowWhenCallsAreSequential() {
        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            now.addAndGet(Math.max(0, limiter.waitNanos()));
            Optional<SlidingWindowRateLimiter.Permit> permit = limiter.tryAcquire();
            assertThat(permit).isPresent();
            now.addAndGet(i % 7 == 0 ? 3 * SECOND / 10 : SECOND / 50); // the call's latency
            permit.get().close();
            answers.add(now.get());
        }
        for (long end : answers) {
            long inWindow = answers.stream().filter(at -> at > end - SECOND && at <= end).count();
            assertThat(inWindow).as("answers in the second ending at %d", end).isLessThanOrEqualTo(5);
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
