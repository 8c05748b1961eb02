package io.inflow.server.resilience;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Lets at most {@code permits} calls start in any window of {@code window}, measured as a sliding window, with
 * a safety margin for the network's jitter between our send and the upstream's count.
 *
 * <p>Why not resilience4j's {@code RateLimiter}: it refreshes permits in fixed cycles, so a burst at the end of
 * one cycle and another at the start of the next put twice the limit inside one second. Upstreams like
 * Airtable count a sliding second and punish a single excess with a 30-second lock-out, so Inflow keeps a log
 * of the last {@code permits} start times instead: a call may start only once the call {@code permits} before
 * it is more than one window (plus the margin) old.
 *
 * <p>Thread-safe. Callers reserve a start time under a lock and wait outside it, so waiting callers are
 * served in arrival order.
 */
public final class SlidingWindowRateLimiter {

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> starts = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();

    SlidingWindowRateLimiter(int permits, Duration window, LongSupplier nanoClock) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive");
        }
        this.permits = permits;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * A limiter for {@code requestsPerSecond}, widening each window by {@code margin} of its length plus a few
     * milliseconds. Fractional rates become whole permits per longer window (0.5/s is one per two seconds).
     */
    public static SlidingWindowRateLimiter perSecond(double requestsPerSecond, double margin) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive, was " + requestsPerSecond);
        }
        int permits = (int) Math.max(1, Math.floor(requestsPerSecond));
        double seconds = permits / requestsPerSecond;
        long windowNanos = (long) (seconds * 1e9 * (1 + margin)) + Duration.ofMillis(5).toNanos();
        return new SlidingWindowRateLimiter(permits, Duration.ofNanos(windowNanos), System::nanoTime);
    }

    /** Blocks until a call may start, and counts it as started. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve();
        if (waitNanos > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /** Reserves the earliest allowed start time and answers how long to wait for it, in nanoseconds. */
    long reserve() {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            long start = now;
            if (starts.size() >= permits) {
                start = Math.max(now, starts.removeFirst() + windowNanos);
            }
            starts.addLast(start);
            return start - now;
        } finally {
            lock.unlock();
        }
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }
}
