package io.inflow.server.store;

import java.time.Instant;

/**
 * Filters of the run history; null means any. {@code beforeId} is the cursor: only runs older than it.
 */
public record RunQuery(Long connectionId, RunStatus status, RunTrigger trigger, Instant since, Long beforeId,
                       int limit) {
}
