package io.inflow.api;

import java.time.Duration;

/**
 * An upstream's limits as the connector knows them. The host enforces them for every call made through
 * {@link ConnectorContext#http()}; a connection's configuration may lower or raise them
 * ({@code requestsPerSecond}).
 *
 * <p>Build it with {@link #perSecond(double)} and the {@code with...} methods, not the constructor: new
 * limits may be added in later versions.
 *
 * @param requestsPerSecond the most requests the upstream accepts in any one-second window; at least 0.01
 * @param dailyQuota the calls allowed per UTC day, or 0 when the upstream has no daily quota
 * @param pageSize the page size the connector asks for, for estimates and documentation
 * @param costPerCallBeyondQuota what each call beyond the daily quota costs, where the upstream bills overage
 *                               instead of refusing it (Mindbody), in the account's currency; 0 otherwise
 * @param lockout how long the upstream refuses every call of a rate-limit scope after one call broke its limit
 *                (Airtable: 30 s per base), or zero when it documents none. After a 429 without
 *                {@code Retry-After}, the host holds every call of the scope, on every node, this long
 *                instead of spending retries inside the lock-out. Never null.
 * @since 0.1
 */
public record Limits(double requestsPerSecond, long dailyQuota, int pageSize, double costPerCallBeyondQuota,
                     Duration lockout) {

    public Limits {
        if (costPerCallBeyondQuota < 0) {
            throw new IllegalArgumentException("costPerCallBeyondQuota must not be negative");
        }
        if (!(requestsPerSecond >= 0.01)) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 0.01, was " + requestsPerSecond);
        }
        if (dailyQuota < 0) {
            throw new IllegalArgumentException("dailyQuota must not be negative, was " + dailyQuota);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
        }
        if (lockout == null || lockout.isNegative()) {
            throw new IllegalArgumentException("lockout must be zero or positive, was " + lockout);
        }
    }

    /**
     * Limits without a lock-out: the constructor of plugin-api 0.1, kept so that plugins built against it load.
     *
     * @deprecated use {@link #perSecond(double)} and the {@code with...} methods
     */
    @Deprecated
    public Limits(double requestsPerSecond, long dailyQuota, int pageSize, double costPerCallBeyondQuota) {
        this(requestsPerSecond, dailyQuota, pageSize, costPerCallBeyondQuota, Duration.ZERO);
    }

    /** Limits of {@code requestsPerSecond}, no daily quota, pages of 100 and no lock-out. */
    public static Limits perSecond(double requestsPerSecond) {
        return new Limits(requestsPerSecond, 0, 100, 0, Duration.ZERO);
    }

    public Limits withDailyQuota(long callsPerDay) {
        return new Limits(requestsPerSecond, callsPerDay, pageSize, costPerCallBeyondQuota, lockout);
    }

    public Limits withPageSize(int size) {
        return new Limits(requestsPerSecond, dailyQuota, size, costPerCallBeyondQuota, lockout);
    }

    public Limits withCostPerCallBeyondQuota(double cost) {
        return new Limits(requestsPerSecond, dailyQuota, pageSize, cost, lockout);
    }

    /**
     * The upstream's lock-out after a call over its limit, as it documents it.
     *
     * @since 0.2
     */
    public Limits withLockout(Duration after429) {
        return new Limits(requestsPerSecond, dailyQuota, pageSize, costPerCallBeyondQuota, after429);
    }
}
