package io.inflow.server.resilience;

import io.inflow.api.QuotaExhaustedException;
import io.inflow.server.store.QuotaDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/**
 * A connection's daily quota: each call is counted in PostgreSQL before it is sent, so the quota holds across
 * restarts and across nodes. Windows are aligned on the epoch (a one-day window is a UTC day).
 */
final class QuotaGate {

    private final long connectionId;
    private final QuotaLedger ledger;
    private final long quota;
    private final boolean allowOverage;
    private final Duration window;
    private final Clock clock;

    QuotaGate(long connectionId, QuotaDao dao, long quota, boolean allowOverage, Duration window, Clock clock) {
        this(connectionId, dao::consume, quota, allowOverage, window, clock);
    }

    QuotaGate(long connectionId, QuotaLedger ledger, long quota, boolean allowOverage, Duration window,
              Clock clock) {
        this.connectionId = connectionId;
        this.ledger = ledger;
        this.quota = quota;
        this.allowOverage = allowOverage;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts a call, or refuses it when the quota is spent and overage is not allowed.
     *
     * @throws LimitsUnavailableException when the database does not answer
     */
    void consume() throws LimitsUnavailableException {
        Instant start = windowStart(clock.instant(), window);
        Optional<Long> counted;
        try {
            counted = ledger.consume(connectionId, start, quota, allowOverage);
        } catch (JdbiException unreachable) {
            throw new LimitsUnavailableException("the daily quota of connection " + connectionId, unreachable);
        }
        if (counted.isEmpty()) {
            Instant opens = start.plus(window);
            throw new QuotaExhaustedException("connection " + connectionId + " spent its quota of " + quota
                    + " calls per " + describe(window) + "; it may call again at " + opens, opens);
        }
    }

    static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    private static String describe(Duration window) {
        return window.equals(Duration.ofDays(1)) ? "day" : window.toString();
    }
}
