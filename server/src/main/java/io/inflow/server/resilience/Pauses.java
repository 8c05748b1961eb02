package io.inflow.server.resilience;

import io.inflow.api.ReadCancelledException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The waits of a connection's calls: slept in short slices, so that a run cancelled meanwhile stops waiting at
 * once, and reported to the run when they are long enough for a person to wonder why nothing happens.
 */
final class Pauses {

    /** Waits at least this long are shown in the run's status. */
    static final Duration REPORTED = Duration.ofSeconds(1);
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final UpstreamWaits waits;
    private final Clock clock;

    Pauses(UpstreamWaits waits, Clock clock) {
        this.waits = waits;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Waits {@code wait}.
     *
     * @param reason why, in words: shown in the run's status for a long wait
     * @throws ReadCancelledException when the run is cancelled or its node stops meanwhile
     * @throws InterruptedException when the thread is interrupted
     */
    void pause(Duration wait, String reason) throws InterruptedException {
        boolean reported = wait.compareTo(REPORTED) >= 0;
        if (reported) {
            waits.waiting(clock.instant().plus(wait), reason);
        }
        try {
            long end = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0; left = end - System.nanoTime()) {
                stopIfRequested();
                TimeUnit.NANOSECONDS.sleep(Math.min(left, SLICE_NANOS));
            }
            stopIfRequested();
        } finally {
            if (reported) {
                waits.over();
            }
        }
    }

    private void stopIfRequested() {
        if (waits.stopRequested()) {
            throw new ReadCancelledException();
        }
    }
}
