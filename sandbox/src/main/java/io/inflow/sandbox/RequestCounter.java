package io.inflow.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/** Requests, and among them the rate-limit violations: what {@code /_sandbox/stats} shows for an API or a base. */
public final class RequestCounter {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong violations = new AtomicLong();

    /** {@code violation} when the request broke, or arrived during the lock-out of, a real rate limit. */
    public void count(boolean violation) {
        requests.incrementAndGet();
        if (violation) {
            violations.incrementAndGet();
        }
    }

    public long requests() {
        return requests.get();
    }

    public long violations() {
        return violations.get();
    }

    public void reset() {
        requests.set(0);
        violations.set(0);
    }
}
