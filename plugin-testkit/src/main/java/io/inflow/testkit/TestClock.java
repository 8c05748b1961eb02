package io.inflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A UTC clock that a test moves: give the same one to a sandbox and to the {@link TestHost} whose connector must agree
 * with it on the time (token lifetimes, modification windows). Three kinds:
 * <ul>
 *   <li>{@link #at}: stands still, and moves only when the test moves it ({@link #advance}, {@link #set});</li>
 *   <li>{@link #ticking}: moves forward by a fixed step each time it is read, so a read "takes" simulated minutes,
 *       deterministically, without waiting for them;</li>
 *   <li>{@link #realTime}, {@link #realTimeFrom}: keeps pace with the system clock, from where the test put it:
 *       {@link #realTime()} is the default of a {@link TestHost}, whose connector then agrees with an upstream fake
 *       that runs in real time.</li>
 * </ul>
 * Thread-safe.
 */
public final class TestClock extends Clock {

    private final LongSupplier base;
    private final AtomicLong offset;
    private final long stepMillis;

    private TestClock(LongSupplier base, long offset, long stepMillis) {
        this.base = base;
        this.offset = new AtomicLong(offset);
        this.stepMillis = stepMillis;
    }

    /** A clock standing still at {@code start}. */
    public TestClock(Instant start) {
        this(() -> 0L, start.toEpochMilli(), 0);
    }

    /** A clock standing still at {@code instant}, such as {@code "2025-06-10T08:00:00Z"}. */
    public static TestClock at(String instant) {
        return new TestClock(Instant.parse(instant));
    }

    /** A clock that starts at {@code start} and moves forward by {@code step} each time it is read. */
    public static TestClock ticking(Instant start, Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not tick backwards: " + step);
        }
        return new TestClock(() -> 0L, start.toEpochMilli(), step.toMillis());
    }

    /** A clock at the system's time that keeps pace with it; {@link #advance} moves it ahead of the system's. */
    public static TestClock realTime() {
        return new TestClock(System::currentTimeMillis, 0, 0);
    }

    /**
     * A clock that starts at {@code start} and keeps pace with the system's from there: a sandbox on it enforces its
     * rate limits in real time, while its data and a connector's windows stay where the test put them.
     */
    public static TestClock realTimeFrom(Instant start) {
        TestClock clock = realTime();
        clock.set(start);
        return clock;
    }

    /** Moves the clock forward (or back, for a negative duration). */
    public void advance(Duration duration) {
        offset.addAndGet(duration.toMillis());
    }

    /** Sets the clock to {@code instant}; a {@link #realTime} clock keeps pace with the system's from there. */
    public void set(Instant instant) {
        offset.set(instant.toEpochMilli() - base.getAsLong());
    }

    @Override
    public long millis() {
        return base.getAsLong() + (stepMillis == 0 ? offset.get() : offset.addAndGet(stepMillis));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
