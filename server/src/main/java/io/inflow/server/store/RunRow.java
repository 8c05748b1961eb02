package io.inflow.server.store;

import java.time.Instant;

/** A row of {@code import_runs}. */
public record RunRow(long id, long connectionId, RunTrigger trigger, RunMode mode, RunStatus status, String notes,
                     String requestedBy, String node, String error, Instant createdAt, Instant startedAt,
                     Instant finishedAt, Instant heartbeatAt, Long resumedFrom, Instant scheduledFor,
                     Instant resumeAt) {
}
