package io.inflow.plugins.gmail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves forward by a fixed step each time it is read: shared by the sandbox and the connector, it
 * makes an import "take" simulated minutes, deterministically, without waiting for them.
 */
final class TickingClock extends Clock {

    private final AtomicLong millis;
    private final long stepMillis;

    TickingClock(Instant start, Duration step) {
        this.millis = new AtomicLong(start.toEpochMilli());
        this.stepMillis = step.toMillis();
    }

    @Override
    public long millis() {
        return millis.addAndGet(stepMillis);
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
