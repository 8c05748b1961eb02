package io.inflow.server.store;

import java.time.Instant;

/** A row of {@code import_run_streams}: one stream's progress and counts within a run. */
public record RunStreamRow(long runId, String stream, int position, StreamStatus status, long inserted,
                           long updated, long unchanged, long failed, long deleted, long batches, Long estimatedTotal,
                           Instant startedAt, Instant finishedAt) {

    /** The records read so far (deleted ones are not read: they are the ones a read did not find). */
    public long done() {
        return inserted + updated + unchanged + failed;
    }

    /** Whether this run already began reading the stream, and now continues it. */
    public boolean wasStarted() {
        return startedAt != null;
    }
}
