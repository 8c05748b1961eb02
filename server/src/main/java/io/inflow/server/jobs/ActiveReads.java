package io.inflow.server.jobs;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The reads this node's worker threads are inside right now, one per run, so that {@link RunWatchdog} can find the
 * thread of a run whose connector does not come back from {@code read} and interrupt it. A commit is progress.
 */
final class ActiveReads {

    private final ConcurrentMap<Long, ActiveRead> reads = new ConcurrentHashMap<>();
    private final Clock clock;

    ActiveReads(Clock clock) {
        this.clock = clock;
    }

    /** The calling thread starts reading a stream of {@code runId}; {@link #end} it in a {@code finally}. */
    ActiveRead begin(long runId, String stream) {
        ActiveRead read = new ActiveRead(runId, stream, Thread.currentThread(), clock);
        reads.put(runId, read);
        return read;
    }

    /** The read came back: it can no longer be interrupted, and an abort's pending interrupt is cleared. */
    void end(ActiveRead read) {
        read.end();
        reads.remove(read.runId(), read);
    }

    /** Whether the watchdog has seen {@code runId}, read on this node, being cancelled. */
    boolean cancelRequested(long runId) {
        ActiveRead read = reads.get(runId);
        return read != null && read.cancelRequested();
    }

    Collection<ActiveRead> all() {
        return List.copyOf(reads.values());
    }
}
