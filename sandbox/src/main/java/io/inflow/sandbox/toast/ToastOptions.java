package io.inflow.sandbox.toast;

import java.time.Duration;

/**
 * What a sandbox user may change about the Toast fake at start: its rate limits and the lifetime of the access
 * tokens it issues. Start from {@link #defaults()}; each {@code with} method returns a new value.
 *
 * @param requestsPerSecond the {@code GET /ordersBulk} limit per client and location (Toast: 5); 0 or less
 *                          switches every Toast limit off, the global ones included
 * @param globalRequestsPerSecond every request of a client, whatever the endpoint (Toast: 20)
 * @param globalRequestsPerQuarterHour every request of a client in a 15-minute slice (Toast: 10,000)
 * @param tokenLifetime how long an access token is valid (Toast: about a day)
 */
public record ToastOptions(int requestsPerSecond, int globalRequestsPerSecond, int globalRequestsPerQuarterHour,
                           Duration tokenLifetime) {

    public static final int DEFAULT_REQUESTS_PER_SECOND = 5;
    public static final int DEFAULT_GLOBAL_REQUESTS_PER_SECOND = 20;
    public static final int DEFAULT_GLOBAL_REQUESTS_PER_QUARTER_HOUR = 10_000;
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofDays(1);

    public ToastOptions {
        if (tokenLifetime == null || tokenLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("the Toast token lifetime must be at least a second");
        }
        if (globalRequestsPerSecond < 1 || globalRequestsPerQuarterHour < 1) {
            throw new IllegalArgumentException("Toast's global limits must be positive");
        }
    }

    public static ToastOptions defaults() {
        return new ToastOptions(DEFAULT_REQUESTS_PER_SECOND, DEFAULT_GLOBAL_REQUESTS_PER_SECOND,
                DEFAULT_GLOBAL_REQUESTS_PER_QUARTER_HOUR, DEFAULT_TOKEN_LIFETIME);
    }

    public ToastOptions withRequestsPerSecond(int perSecond) {
        return new ToastOptions(perSecond, globalRequestsPerSecond, globalRequestsPerQuarterHour, tokenLifetime);
    }

    public ToastOptions withGlobalLimits(int perSecond, int perQuarterHour) {
        return new ToastOptions(requestsPerSecond, perSecond, perQuarterHour, tokenLifetime);
    }

    public ToastOptions withTokenLifetime(Duration lifetime) {
        return new ToastOptions(requestsPerSecond, globalRequestsPerSecond, globalRequestsPerQuarterHour, lifetime);
    }
}
