package io.inflow.server.resilience;

import java.time.Duration;

/**
 * A rate limit as Inflow keeps it: at most {@code permits} calls in any {@code window}, counted the way upstreams
 * count them, by arrival over a sliding window.
 *
 * <p>The client cannot see when a call arrives, only that it arrived before its answer came back. So a call
 * counts from the moment it may be sent until one window after its answer: a call in flight may still arrive at
 * any moment, and a finished one arrived at the latest when its answer came. Measuring from the moment a call
 * was sent instead would let the first call of a burst arrive late (a slow handshake) and a later one early,
 * inside one window: the upstream would see one too many.
 *
 * @param permits the calls allowed in any window
 * @param window the window, widened by a margin for network jitter and clock granularity
 */
record RateLimit(int permits, Duration window) {

    RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive, was " + permits);
        }
    }

    /**
     * The limit of {@code requestsPerSecond}, widening each window by {@code margin} of its length plus a few
     * milliseconds. Fractional rates become whole permits per longer window (0.5/s is one per two seconds).
     */
    static RateLimit perSecond(double requestsPerSecond, double margin) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
        }
        int permits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(requestsPerSecond)));
        double seconds = permits / requestsPerSecond;
        long windowNanos = (long) (seconds * 1e9 * (1 + margin)) + Duration.ofMillis(5).toNanos();
        return new RateLimit(permits, Duration.ofNanos(windowNanos));
    }
}
