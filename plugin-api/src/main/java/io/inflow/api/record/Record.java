package io.inflow.api.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One upstream record as Inflow stores it.
 *
 * @param stream the stream it belongs to: the one being read
 * @param externalId the upstream's id for it, unique within the stream; re-importing the same id updates the
 *                   stored record instead of adding one
 * @param payload the record as a JSON object, in the upstream's own shape; stored as PostgreSQL {@code jsonb}
 * @param sourceUpdatedAt when the upstream last changed it, or null when the upstream does not say
 * @since 0.1
 */
public record Record(String stream, String externalId, String payload, Instant sourceUpdatedAt) {

    public Record {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(payload, "payload");
        if (externalId.isEmpty()) {
            throw new IllegalArgumentException("externalId must not be empty");
        }
    }
}
