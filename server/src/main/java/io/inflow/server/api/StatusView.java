package io.inflow.server.api;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/status}: the scheduler's state, the runs in progress with how far they are and when they
 * should end, and each connection's last ended run.
 */
public record StatusView(String scheduler, Instant schedulerChangedAt, List<InProgress> inProgress,
                         List<LastRun> lastRuns) {

    /**
     * A run in progress. {@code percent} and {@code etaSeconds} are null until every unfinished stream has an
     * estimated total (from the connector, or for a full import the records the stream held before).
     */
    public record InProgress(RunView run, Double percent, Long etaSeconds) {

        static InProgress of(RunView run, Instant now) {
            long done = 0;
            long total = 0;
            boolean known = true;
            for (RunView.StreamView stream : run.streams().values()) {
                done += stream.done();
                if (stream.status() == io.inflow.server.store.StreamStatus.SUCCEEDED) {
                    total += stream.done();
                } else if (stream.estimatedTotal() != null) {
                    total += Math.max(stream.estimatedTotal(), stream.done());
                } else {
                    known = false;
                }
            }
            if (!known || total == 0) {
                return new InProgress(run, null, null);
            }
            double percent = Math.round(1000.0 * done / total) / 10.0;
            Long eta = null;
            if (run.startedAt() != null && done > 0) {
                double seconds = java.time.Duration.between(run.startedAt(), now).toMillis() / 1000.0;
                eta = Math.round((total - done) / (done / seconds));
            }
            return new InProgress(run, percent, eta);
        }
    }

    /** A connection's last run that ended, whatever its outcome. */
    public record LastRun(long connection, String name, RunView run) {
    }
}
