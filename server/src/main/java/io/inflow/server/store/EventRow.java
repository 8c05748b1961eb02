package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code events}: what happened, numbered in commit order.
 *
 * @param runId the run it tells of, or null for a scheduler or plugin event
 * @param data what it tells, as it was when it happened (JSON; see the migration {@code 0019-create-events})
 */
public record EventRow(long id, String type, Long runId, Instant at, String data) {
}
