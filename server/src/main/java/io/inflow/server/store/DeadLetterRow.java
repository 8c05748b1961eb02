package io.inflow.server.store;

import java.time.Instant;

/** A row of {@code dead_letters}: a record that could not be mapped or stored, as the upstream sent it. */
public record DeadLetterRow(long id, long connectionId, long runId, String stream, String externalId, String payload,
                            String reason, Instant createdAt, int replayAttempts, Instant replayedAt,
                            String lastReplayError) {
}
