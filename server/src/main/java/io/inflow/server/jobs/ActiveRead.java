package io.inflow.server.jobs;

import java.time.Clock;
import java.time.Instant;

/**
 * One read in progress on one worker thread: when it last committed, and whether the {@link RunWatchdog} aborted
 * it (and why), so that the runner records the abort rather than whatever the interrupted connector threw.
 *
 * <p>Aborting and ending are synchronized so that a thread is never interrupted after its read came back, when
 * it may already be working for another run.
 */
final class ActiveRead {

    private final long runId;
    private final String stream;
    private final Thread thread;
    private final Clock clock;
    private volatile Instant lastProgress;
    private Instant cancellingSince;
    private Abort abort;
    private boolean ended;
    private boolean abandoned;

    ActiveRead(long runId, String stream, Thread thread, Clock clock) {
        this.runId = runId;
        this.stream = stream;
        this.thread = thread;
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    long runId() {
        return runId;
    }

    String stream() {
        return stream;
    }

    /** A batch was committed: the read is alive. */
    void progressed() {
        lastProgress = clock.instant();
    }

    Instant lastProgress() {
        return lastProgress;
    }

    /** When the watchdog first saw this run being cancelled. */
    synchronized Instant cancellingSince(Instant now) {
        if (cancellingSince == null) {
            cancellingSince = now;
        }
        return cancellingSince;
    }

    /** Whether the watchdog has seen this run being cancelled. */
    synchronized boolean cancelRequested() {
        return cancellingSince != null;
    }

    /** Aborts the read once: records why, then interrupts its thread. False when aborted already or ended. */
    synchronized boolean abort(Abort why) {
        if (abort != null || ended) {
            return false;
        }
        abort = why;
        thread.interrupt();
        return true;
    }

    synchronized Abort abortion() {
        return abort;
    }

    synchronized boolean aborted() {
        return abort != null;
    }

    /** The watchdog gave up on a read that ignored its interrupt; true only the first time. */
    synchronized boolean abandon() {
        if (abandoned || ended) {
            return false;
        }
        abandoned = true;
        return true;
    }

    /** Called by the reading thread once its read came back. */
    synchronized void end() {
        ended = true;
        if (abort != null) {
            Thread.interrupted(); // the interrupt was ours, and has done its work
        }
    }

    /**
     * Why a read was aborted and when.
     *
     * @param cancelled true when a person cancelled the run, false when the read stalled
     * @param message the run's error when it stalled
     */
    record Abort(boolean cancelled, String message, Instant at) {
    }
}
