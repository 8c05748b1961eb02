package io.inflow.api.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One upstream record as Inflow stores it.
 *
 * <p>Build it with {@link #of(String, String, String)} and the {@code with...} methods. The canonical constructor stays public (a record's
 * must), but a later version that adds a component changes it and keeps today's as a deprecated overload, so a
 * plugin built against this version still loads; the build's API check (japicmp) holds the host to that.
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

    /**
     * A record whose change time the upstream does not say.
     *
     * @since 1.0
     */
    public static Record of(String stream, String externalId, String payload) {
        return new Record(stream, externalId, payload, null);
    }

    /**
     * This record, with the time the upstream last changed it (null when it does not say).
     *
     * @since 1.0
     */
    public Record withSourceUpdatedAt(Instant updatedAt) {
        return new Record(stream, externalId, payload, updatedAt);
    }
}
