package io.inflow.server.api;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/v1/connections/{id}/stats}: what a connection holds and what it spent.
 *
 * @param records stored records per stream
 * @param openDeadLetters records kept as dead letters and not replayed yet
 * @param quota its daily quota this window, or null when it has none
 */
public record ConnectionStatsView(long connection, Map<String, Long> records, long openDeadLetters, Quota quota) {

    /**
     * Calls counted in the current quota window.
     *
     * @param overageCalls calls beyond the quota (only where overage is allowed)
     * @param overageCost their cost at {@code costPerCallBeyondQuota}
     */
    public record Quota(long dailyQuota, boolean allowOverage, Instant windowStart, Instant windowEnd, long used,
                        long remaining, long overageCalls, double overageCost) {
    }
}
