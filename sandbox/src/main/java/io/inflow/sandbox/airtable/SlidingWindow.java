package io.inflow.sandbox.airtable;

import java.util.ArrayDeque;

/**
 * Arrival times of one key's requests over the last second, and its lock-out. Every arriving
 * request counts, refused ones included: a client that keeps hammering a locked base stays over
 * the limit, as it would upstream.
 */
final class SlidingWindow {

    static final long WINDOW_MILLIS = 1_000;

    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();
    private long lockedUntil = Long.MIN_VALUE;

    /**
     * Whether a request arriving at {@code now} may pass. It is refused while the key is locked out,
     * and when, counting it, more than {@code limit} requests arrived in {@code (now - 1 s, now]};
     * the latter starts a new lock-out.
     */
    synchronized boolean admit(long now, int limit, long lockoutMillis) {
        arrivals.addLast(now);
        while (!arrivals.isEmpty() && arrivals.peekFirst() <= now - WINDOW_MILLIS) {
            arrivals.removeFirst();
        }
        if (now < lockedUntil) {
            return false;
        }
        if (arrivals.size() > limit) {
            lockedUntil = now + lockoutMillis;
            return false;
        }
        return true;
    }
}
