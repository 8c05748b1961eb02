package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.ReadCancelledException;
import io.inflow.server.store.PermitAnswer;
import io.inflow.server.store.RateLimitTable;
import io.inflow.server.store.TestDatabase;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SharedRateLimiterTest {

    private static final Duration LONGEST_CALL = Duration.ofSeconds(70);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final RecordedWaits waits = new RecordedWaits();
    private final Pauses pauses = new Pauses(waits, Clock.systemUTC());

    @Test
    void grantsThePermitsOfAWindowAtOnceAndTellsTheNextCallHowLongToWait() throws Exception {
        RateLimitTable dao = database.rateLimits();
        for (int i = 0; i < 3; i++) {
            assertThat(dao.acquire("airtable:base", 3, 400, "node-a", 70_000).granted()).isTrue();
        }

        PermitAnswer fourth = dao.acquire("airtable:base", 3, 400, "node-a", 70_000);

        assertThat(fourth.granted()).isFalse();
        assertThat(fourth.waitMillis()).as("no call finished: none leaves before a whole window").isEqualTo(400);
        assertThat(fourth.heldUntil()).isNull();
    }

    @Test
    void theNextCallGoesWhenTheFirstFinishedOneLeavesTheWindow() throws Exception {
        SharedRateLimiter limiter = limiter("airtable:base", new RateLimit(3, Duration.ofMillis(400)), "node-a");
        limiter.acquire(pauses, far(), IOException::new).close();
        long firstAnswered = System.nanoTime();
        limiter.acquire(pauses, far(), IOException::new).close();
        limiter.acquire(pauses, far(), IOException::new).close();

        limiter.acquire(pauses, far(), IOException::new).close();

        // measured a moment after the database stamped the answer
        assertThat(elapsedMillis(firstAnswered)).isGreaterThanOrEqualTo(380);
    }

    @Test
    void twoNodesOnOneScopeShareItsPermits() throws Exception {
        RateLimit limit = new RateLimit(2, Duration.ofMillis(500));
        SharedRateLimiter nodeA = limiter("airtable:base", limit, "node-a");
        SharedRateLimiter nodeB = limiter("airtable:base", limit, "node-b");
        long started = System.nanoTime();
        nodeA.acquire(pauses, far(), IOException::new).close();
        nodeB.acquire(pauses, far(), IOException::new).close();

        nodeA.acquire(pauses, far(), IOException::new).close();

        assertThat(elapsedMillis(started)).as("the third call of two nodes waited for the window")
                .isGreaterThanOrEqualTo(500);
    }

    @Test
    void scopesDoNotShare() throws Exception {
        RateLimit limit = new RateLimit(1, Duration.ofSeconds(5));
        limiter("airtable:base-1", limit, "node-a").acquire(pauses, far(), IOException::new).close();
        long started = System.nanoTime();

        limiter("airtable:base-2", limit, "node-a").acquire(pauses, far(), IOException::new).close();

        assertThat(elapsedMillis(started)).isLessThan(1_000);
    }

    @Test
    void aCallInFlightCountsUntilOneWindowAfterItsAnswer() throws Exception {
        SharedRateLimiter limiter = limiter("scope", new RateLimit(1, Duration.ofMillis(300)), "node-a");
        SharedRateLimiter.Permit inFlight = limiter.acquire(pauses, far(), IOException::new);
        Thread.sleep(500); // the call takes longer than a window
        long answered = System.nanoTime();
        inFlight.close();

        limiter.acquire(pauses, far(), IOException::new).close();

        assertThat(elapsedMillis(answered)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aHoldMakesEveryCallOfTheScopeWaitAndSaysWhy() throws Exception {
        SharedRateLimiter nodeA = limiter("airtable:base", new RateLimit(5, Duration.ofSeconds(1)), "node-a");
        SharedRateLimiter nodeB = limiter("airtable:base", new RateLimit(5, Duration.ofSeconds(1)), "node-b");
        long started = System.nanoTime();

        nodeA.hold(Duration.ofMillis(1_500), "Airtable answered 429; it refuses every call for 30 s");
        nodeB.acquire(pauses, far(), IOException::new).close();

        assertThat(elapsedMillis(started)).isGreaterThanOrEqualTo(1_500);
        assertThat(waits.reasons).containsExactly("Airtable answered 429; it refuses every call for 30 s");
        assertThat(waits.overs).isEqualTo(1);
    }

    @Test
    void aShorterHoldDoesNotShortenALongerOne() throws Exception {
        SharedRateLimiter limiter = limiter("scope", new RateLimit(5, Duration.ofSeconds(1)), "node-a");
        Instant longer = limiter.hold(Duration.ofSeconds(30), "lock-out");

        Instant after = limiter.hold(Duration.ofSeconds(1), "retry-after");

        assertThat(after).isEqualTo(longer);
        String reason = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT held_reason FROM rate_limit_scopes WHERE scope = 'scope'").mapTo(String.class).one());
        assertThat(reason).isEqualTo("lock-out");
    }

    @Test
    void aWaitBeyondTheDeadlineGivesUpAtOnce() throws Exception {
        SharedRateLimiter limiter = limiter("scope", new RateLimit(5, Duration.ofSeconds(1)), "node-a");
        limiter.hold(Duration.ofSeconds(30), "lock-out");
        long started = System.nanoTime();

        assertThatThrownBy(() -> limiter.acquire(pauses, Instant.now().plusSeconds(10),
                () -> new IOException("beyond the budget")))
                .isInstanceOf(IOException.class).hasMessage("beyond the budget");
        assertThat(elapsedMillis(started)).isLessThan(1_000);
    }

    @Test
    void aCancelledRunStopsWaiting() throws Exception {
        SharedRateLimiter limiter = limiter("scope", new RateLimit(5, Duration.ofSeconds(1)), "node-a");
        limiter.hold(Duration.ofSeconds(30), "lock-out");
        waits.stop.set(true);
        long started = System.nanoTime();

        assertThatThrownBy(() -> limiter.acquire(pauses, far(), IOException::new))
                .isInstanceOf(ReadCancelledException.class);
        assertThat(elapsedMillis(started)).isLessThan(1_000);
    }

    @Test
    void aPermitItsNodeNeverGaveBackCountsUntilTheLongestCallIsOver() throws Exception {
        SharedRateLimiter dying = new SharedRateLimiter("scope", new RateLimit(1, Duration.ofMillis(200)),
                Duration.ofMillis(600), database.rateLimits(), "node-dead");
        dying.acquire(pauses, far(), IOException::new); // never closed: its node died
        long started = System.nanoTime();

        limiter("scope", new RateLimit(1, Duration.ofMillis(200)), "node-a").acquire(pauses, far(), IOException::new)
                .close();

        assertThat(elapsedMillis(started)).isGreaterThanOrEqualTo(700);
    }

    private SharedRateLimiter limiter(String scope, RateLimit limit, String node) {
        return new SharedRateLimiter(scope, limit, LONGEST_CALL, database.rateLimits(), node);
    }

    private static Instant far() {
        return Instant.now().plus(Duration.ofMinutes(5));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** What a run would have shown. */
    static final class RecordedWaits implements UpstreamWaits {
        final List<String> reasons = new ArrayList<>();
        final AtomicBoolean stop = new AtomicBoolean();
        int overs;

        @Override
        public synchronized void waiting(Instant until, String reason) {
            reasons.add(reason);
        }

        @Override
        public synchronized void over() {
            overs++;
        }

        @Override
        public boolean stopRequested() {
            return stop.get();
        }
    }
}
