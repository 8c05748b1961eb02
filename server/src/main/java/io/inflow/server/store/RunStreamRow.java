package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code import_run_streams}: one stream's progress and counts within a run.
 *
 * @param mode the mode the stream is read in, or null in runs recorded before streams had one (the run's)
 */
public record RunStreamRow(long runId, String stream, int position, StreamStatus status, long inserted,
                           long updated, long unchanged, long failed, long deleted, long batches, Long estimatedTotal,
                           Instant startedAt, Instant finishedAt, RunMode mode) {

    /** The mode the stream is read in, within a run in {@code runMode}. */
    public RunMode modeIn(RunMode runMode) {
        return mode == null ? runMode : mode;
    }

    /** The records read so far (deleted ones are not read: they are the ones a read did not find). */
    public long done() {
        return inserted + updated + unchanged + failed;
    }

    /** Whether this run already began reading the stream, and now continues it. */
    public boolean wasStarted() {
        return startedAt != null;
    }
}
