package io.inflow.plugins.mindbody;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test moves it; shared by the sandbox and the connector where both must agree. */
final class MovableClock extends Clock {

    private final AtomicLong millis;

    MovableClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    static MovableClock at(String instant) {
        return new MovableClock(Instant.parse(instant));
    }

    void advance(Duration duration) {
        millis.addAndGet(duration.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
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
