package io.inflow.server.resilience;

import io.inflow.server.store.PermitAnswer;
import io.inflow.server.store.RateLimitTable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limit of one upstream scope (an Airtable base, a Toast restaurant, a connection), kept in PostgreSQL so
 * that every connection of the scope on every node shares it: the limit is the upstream's, not the node's. Every
 * call asks the database for a permit before it goes on the wire, retries included, and gives it back when its
 * answer is in; see {@link RateLimit} for how calls count.
 *
 * <p>After a 429 the scope can be held: every call of the scope, on every node, waits until the hold ends, so an
 * upstream's lock-out is waited out instead of spent in refused retries. Timing is the database's clock, the one
 * clock all nodes share. Thread-safe.
 */
final class SharedRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);

    private final String scope;
    private final RateLimit limit;
    private final Duration longestCall;
    private final RateLimitTable table;
    private final String node;

    /**
     * @param longestCall the longest a call can take: a permit its node never gave back counts this long
     */
    SharedRateLimiter(String scope, RateLimit limit, Duration longestCall, RateLimitTable table, String node) {
        this.scope = scope;
        this.limit = limit;
        this.longestCall = longestCall;
        this.table = table;
        this.node = node;
    }

    /**
     * Waits until a call of the scope may go: the scope is not held, and fewer than the limit's permits count in
     * its window.
     *
     * @param deadline the call gives up rather than wait beyond it
     * @param beyondDeadline what it gives up with
     * @throws io.inflow.api.ReadCancelledException when the run is cancelled while it waits
     */
    Permit acquire(Pauses pauses, Instant deadline, Supplier<IOException> beyondDeadline)
            throws IOException, InterruptedException {
        while (true) {
            PermitAnswer answer;
            try {
                answer = table.acquire(scope, limit.permits(), limit.window().toMillis(), node, longestCall.toMillis());
            } catch (SQLException unreachable) {
                throw new LimitsUnavailableException("the rate limit of " + scope, unreachable);
            }
            if (answer.granted()) {
                return new Permit(answer.permitId());
            }
            Duration wait = Duration.ofMillis(answer.waitMillis());
            if (pauses.now().plus(wait).isAfter(deadline)) {
                throw beyondDeadline.get();
            }
            pauses.pause(wait, answer.heldUntil() != null ? answer.heldReason()
                    : "the rate limit of " + scope + " (" + limit.permits() + " calls per "
                    + limit.window().toMillis() + " ms)");
        }
    }

    /**
     * Holds every call of the scope for {@code duration} from now, unless it is held longer already.
     *
     * @return until when it is held, by the database's clock
     * @throws LimitsUnavailableException when the database does not answer
     */
    Instant hold(Duration duration, String reason) throws LimitsUnavailableException {
        try {
            return table.hold(scope, duration.toMillis(), reason);
        } catch (SQLException unreachable) {
            throw new LimitsUnavailableException("the rate limit of " + scope, unreachable);
        }
    }

    String scope() {
        return scope;
    }

    RateLimit limit() {
        return limit;
    }

    /** One call's place in the window: close it once the call's answer is in, or the call failed. */
    final class Permit implements AutoCloseable {
        private final long id;
        private boolean released;

        private Permit(long id) {
            this.id = id;
        }

        /** Gives the permit back; when the database does not answer, it counts until its call's longest time. */
        @Override
        public void close() {
            if (!released) {
                released = true;
                try {
                    table.release(id);
                } catch (SQLException unreachable) {
                    LOG.warn("Could not give back a permit of {}, which counts until {} from its start: {}", scope,
                            longestCall, unreachable.toString());
                }
            }
        }
    }
}
