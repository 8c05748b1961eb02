package io.inflow.server.resilience;

import java.time.Instant;
import java.util.Optional;

/** Where a connection's upstream calls are counted against its quota: the database, or a draft's own count. */
@FunctionalInterface
interface QuotaLedger {

    /**
     * Counts one call in the window unless the quota is spent and overage is not allowed.
     *
     * @return the calls in the window counting this one, or empty when the call may not be made
     */
    Optional<Long> consume(long connectionId, Instant windowStart, long quota, boolean allowOverage);
}
