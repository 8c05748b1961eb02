package io.inflow.sandbox.airtable;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A requests-per-second limit with lock-out, kept separately for each key (a base, a token). */
final class RateLimiter {

    private final Clock clock;
    private final Duration lockout;
    private final Map<String, SlidingWindow> windows = new ConcurrentHashMap<>();
    private volatile int requestsPerSecond;

    RateLimiter(Clock clock, int requestsPerSecond, Duration lockout) {
        this.clock = clock;
        this.requestsPerSecond = requestsPerSecond;
        this.lockout = lockout;
    }

    /** Always true when the limit is 0 or negative: no limit. */
    boolean admit(String key) {
        int limit = requestsPerSecond;
        if (limit <= 0) {
            return true;
        }
        return windows.computeIfAbsent(key, k -> new SlidingWindow()).admit(clock.millis(), limit, lockout.toMillis());
    }

    int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** A new limit starts from a clean slate: past arrivals and lock-outs are forgotten. */
    void limitTo(int requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
        windows.clear();
    }

    void reset() {
        windows.clear();
    }
}
