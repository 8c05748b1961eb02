package io.inflow.server.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Lets at most {@code permits} calls reach the upstream in any window of {@code window}, measured the way the
 * upstream measures it: by arrival, over a sliding window.
 *
 * <p>Why not resilience4j's {@code RateLimiter}: it refreshes permits in fixed cycles, so a burst at the end of
 * one cycle and another at the start of the next put twice the limit inside one second. Upstreams like Airtable
 * count a sliding second and punish a single excess with a 30-second lock-out.
 *
 * <p>Why completion times: the client cannot see when a call arrives, only that it arrived before its answer
 * came back. A call in flight may still arrive at any moment, so it always counts; a finished call counts until
 * one window after its answer. A new call may start only when fewer than {@code permits} calls count. Measuring
 * from the moment a call was sent instead would let the first call of a burst arrive late (a new connection, a
 * slow handshake) and the call {@code permits} later arrive early, inside one window: the upstream sees one too
 * many. The window is also widened by a margin for clock granularity.
 *
 * <p>Thread-safe; waiting callers are woken as calls finish or leave the window.
 */
public final class SlidingWindowRateLimiter {

    private final int permits;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Long> finishedAt = new PriorityQueue<>();
    private int inFlight;

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

    /** One call's place in the window: release it when the call's answer came back, or the call failed. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!released) {
                    released = true;
                    inFlight--;
                    finishedAt.add(nanoClock.getAsLong());
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Blocks until a call may start. */
    public Permit acquire() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                Optional<Permit> permit = tryAcquireLocked();
                if (permit.isPresent()) {
                    return permit.get();
                }
                long wait = waitNanosLocked();
                if (wait == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(wait);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A permit now, or empty when a call must wait. */
    Optional<Permit> tryAcquire() {
        lock.lock();
        try {
            return tryAcquireLocked();
        } finally {
            lock.unlock();
        }
    }

    /** How long until a call may start as things stand, in nanoseconds (Long.MAX_VALUE: until a call finishes). */
    long waitNanos() {
        lock.lock();
        try {
            forgetOld();
            return inFlight + finishedAt.size() < permits ? 0 : waitNanosLocked();
        } finally {
            lock.unlock();
        }
    }

    private Optional<Permit> tryAcquireLocked() {
        forgetOld();
        if (inFlight + finishedAt.size() >= permits) {
            return Optional.empty();
        }
        inFlight++;
        return Optional.of(new Permit());
    }

    private long waitNanosLocked() {
        if (finishedAt.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, finishedAt.peek() + windowNanos - nanoClock.getAsLong());
    }

    private void forgetOld() {
        long now = nanoClock.getAsLong();
        while (!finishedAt.isEmpty() && finishedAt.peek() + windowNanos <= now) {
            finishedAt.poll();
        }
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }
}
