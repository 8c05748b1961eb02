package io.inflow.server.api;

import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.StreamStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An import run as the API shows it. {@code counts} are the totals over {@code streams}, which is keyed by
 * stream name in import order. Scripts rely on {@code id}, {@code status}, {@code counts} and {@code streams}.
 * {@code waitingUntil} and {@code waitingReason} say why an active run makes no progress: its calls wait on the
 * upstream (a lock-out, a {@code Retry-After}, a backoff, an open circuit breaker), or it is {@code waiting} for
 * its daily quota; both are null otherwise. {@code resumeAt} is when a {@code waiting} run continues by itself (its
 * quota window opens), null otherwise.
 */
public record RunView(long id, long connection, RunTrigger trigger, RunMode mode, RunStatus status, String notes,
                      String requestedBy, String node, String error, Instant waitingUntil, String waitingReason,
                      Instant createdAt, Instant startedAt,
                      Instant finishedAt, Double durationSeconds, Double recordsPerSecond, Counts counts,
                      Map<String, StreamView> streams, Instant resumeAt) {

    /**
     * Records by what storing them did, and the records found deleted upstream ({@code deleted}: not read, so not
     * in the total read).
     */
    public record Counts(long inserted, long updated, long unchanged, long failed, long deleted) {

        long total() {
            return inserted + updated + unchanged + failed;
        }
    }

    /**
     * One stream of a run. {@code percent} is known once the connector estimated the stream's total. {@code mode}
     * is the run's, or {@code full} for a stream its connection reads in full on every run.
     */
    public record StreamView(StreamStatus status, RunMode mode, long inserted, long updated, long unchanged,
                             long failed, long deleted, long done, Long estimatedTotal, Double percent,
                             Instant startedAt, Instant finishedAt) {

        static StreamView of(RunStreamRow row, RunMode runMode) {
            Double percent = null;
            if (row.status() == StreamStatus.SUCCEEDED) {
                percent = 100.0;
            } else if (row.estimatedTotal() != null && row.estimatedTotal() > 0) {
                percent = Math.min(100.0, Math.round(1000.0 * row.done() / row.estimatedTotal()) / 10.0);
            }
            return new StreamView(row.status(), row.modeIn(runMode), row.inserted(), row.updated(), row.unchanged(), row.failed(),
                    row.deleted(), row.done(), row.estimatedTotal(), percent, row.startedAt(), row.finishedAt());
        }
    }

    static RunView of(RunRow run, List<RunStreamRow> streamRows, Instant now) {
        Map<String, StreamView> streams = new LinkedHashMap<>();
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        long failed = 0;
        long deleted = 0;
        for (RunStreamRow row : streamRows) {
            streams.put(row.stream(), StreamView.of(row, run.mode()));
            inserted += row.inserted();
            updated += row.updated();
            unchanged += row.unchanged();
            failed += row.failed();
            deleted += row.deleted();
        }
        Counts counts = new Counts(inserted, updated, unchanged, failed, deleted);
        Double seconds = null;
        Double perSecond = null;
        if (run.startedAt() != null) {
            Instant end = run.finishedAt() != null ? run.finishedAt() : now;
            seconds = Duration.between(run.startedAt(), end).toMillis() / 1000.0;
            perSecond = seconds > 0 ? Math.round(counts.total() / seconds * 10) / 10.0 : null;
        }
        Instant waitingUntil = null;
        String waitingReason = null;
        if (run.status() == RunStatus.WAITING) {
            waitingUntil = run.resumeAt();
            waitingReason = run.error();
        } else if (run.status().isActive()) {
            waitingUntil = run.waitingUntil();
            waitingReason = run.waitingReason();
        }
        return new RunView(run.id(), run.connectionId(), run.trigger(), run.mode(), run.status(), run.notes(),
                run.requestedBy(), run.node(), run.error(), waitingUntil, waitingReason, run.createdAt(),
                run.startedAt(), run.finishedAt(), seconds, perSecond, counts, streams,
                run.status() == RunStatus.WAITING ? run.resumeAt() : null);
    }
}
