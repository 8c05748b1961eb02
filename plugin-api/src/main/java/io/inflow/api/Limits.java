package io.inflow.api;

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
 * @since 0.1
 */
public record Limits(double requestsPerSecond, long dailyQuota, int pageSize, double costPerCallBeyondQuota) {

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
    }

    /** Limits of {@code requestsPerSecond}, no daily quota and pages of 100. */
    public static Limits perSecond(double requestsPerSecond) {
        return new Limits(requestsPerSecond, 0, 100, 0);
    }

    public Limits withDailyQuota(long callsPerDay) {
        return new Limits(requestsPerSecond, callsPerDay, pageSize, costPerCallBeyondQuota);
    }

    public Limits withPageSize(int size) {
        return new Limits(requestsPerSecond, dailyQuota, size, costPerCallBeyondQuota);
    }

    public Limits withCostPerCallBeyondQuota(double cost) {
        return new Limits(requestsPerSecond, dailyQuota, pageSize, cost);
    }
}
