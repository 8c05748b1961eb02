package io.inflow.server.resilience;

import java.time.Instant;

/**
 * A connection's calls counted in the current quota window, against its daily quota.
 *
 * @param windowEnd when the next window opens
 * @param costPerCallBeyondQuota what each call beyond the quota costs (a host setting, else the connector's)
 */
public record QuotaUsage(long dailyQuota, boolean allowOverage, Instant windowStart, Instant windowEnd, long used,
                         double costPerCallBeyondQuota) {

    /** The calls it may still make in the window: zero when spent, overage or not. */
    public long remaining() {
        return Math.max(0, dailyQuota - used);
    }

    /** The calls made beyond the quota (only where overage is allowed can there be any). */
    public long overageCalls() {
        return Math.max(0, used - dailyQuota);
    }

    /** What the calls beyond the quota cost, to four decimals. */
    public double overageCost() {
        return Math.round(overageCalls() * costPerCallBeyondQuota * 10_000) / 10_000.0;
    }
}
