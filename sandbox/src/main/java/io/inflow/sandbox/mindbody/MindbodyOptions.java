package io.inflow.sandbox.mindbody;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the Mindbody fake behaves beyond the sandbox-wide seed, key and clock. Start from
 * {@link #defaults()}; each {@code withX} returns a new value.
 *
 * @param requestsPerSecond calls per API key in any one second; 0 or less switches the limit off. Mindbody
 *                          publishes no per-second limit: 10 is an assumption, equal to the connector's default
 * @param dailyQuota calls per API key per UTC day before {@code overQuota} applies (Mindbody: 1,000)
 * @param overQuota what a call beyond the daily quota gets
 * @param tokenLifetime how long a staff user token stays valid after it is issued (Mindbody: 24 hours)
 */
public record MindbodyOptions(int requestsPerSecond, int dailyQuota, OverQuota overQuota, Duration tokenLifetime) {

    /** What the fake does with a call beyond the daily quota. */
    public enum OverQuota {
        /** Answers it as usual and counts it as billed overage, as Mindbody's live mode does. */
        BILL,
        /** Refuses it with 429 {@code TooManyRequests}, a violation, as the fact sheet says sandbox keys are capped. */
        BLOCK;

        public static OverQuota parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("over-quota behaviour must be bill or block, got '" + text + "'");
            }
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_REQUESTS_PER_SECOND = 10;
    public static final int DEFAULT_DAILY_QUOTA = 1_000;
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(24);

    public MindbodyOptions {
        if (dailyQuota < 0) {
            throw new IllegalArgumentException("the Mindbody daily quota must not be negative");
        }
        Objects.requireNonNull(overQuota, "overQuota");
        if (tokenLifetime == null || tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("the Mindbody token lifetime must be positive");
        }
    }

    public static MindbodyOptions defaults() {
        return new MindbodyOptions(DEFAULT_REQUESTS_PER_SECOND, DEFAULT_DAILY_QUOTA, OverQuota.BILL, DEFAULT_TOKEN_LIFETIME);
    }

    public MindbodyOptions withRequestsPerSecond(int requestsPerSecond) {
        return new MindbodyOptions(requestsPerSecond, dailyQuota, overQuota, tokenLifetime);
    }

    public MindbodyOptions withDailyQuota(int calls) {
        return new MindbodyOptions(requestsPerSecond, calls, overQuota, tokenLifetime);
    }

    public MindbodyOptions withOverQuota(OverQuota behaviour) {
        return new MindbodyOptions(requestsPerSecond, dailyQuota, behaviour, tokenLifetime);
    }

    public MindbodyOptions withTokenLifetime(Duration lifetime) {
        return new MindbodyOptions(requestsPerSecond, dailyQuota, overQuota, lifetime);
    }
}
