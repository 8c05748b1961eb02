package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code import_runs}. {@code waitingUntil} and {@code waitingReason} are set while a running run's calls
 * wait on the upstream (a lock-out, a {@code Retry-After}, a backoff, an open circuit breaker).
 */
public record RunRow(long id, long connectionId, RunTrigger trigger, RunMode mode, RunStatus status, String notes,
                     String requestedBy, String node, String error, Instant createdAt, Instant startedAt,
                     Instant finishedAt, Instant heartbeatAt, Long resumedFrom, Instant scheduledFor,
                     Instant resumeAt, Instant waitingUntil, String waitingReason) {
}
