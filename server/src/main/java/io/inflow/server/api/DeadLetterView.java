package io.inflow.server.api;

import io.inflow.server.store.DeadLetterRow;
import java.time.Instant;

/** A record that could not be mapped or stored, as the upstream sent it, and why. */
public record DeadLetterView(long id, long connection, long run, String stream, String externalId, String reason,
                             String payload, Instant createdAt, int replayAttempts, Instant replayedAt,
                             String lastReplayError) {

    static DeadLetterView of(DeadLetterRow row) {
        return new DeadLetterView(row.id(), row.connectionId(), row.runId(), row.stream(), row.externalId(),
                row.reason(), row.payload(), row.createdAt(), row.replayAttempts(), row.replayedAt(),
                row.lastReplayError());
    }
}
