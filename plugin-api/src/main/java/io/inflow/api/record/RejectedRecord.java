package io.inflow.api.record;

import java.util.Objects;

/**
 * An upstream record the connector could not turn into a {@link Record}: the host keeps it as a dead letter,
 * with its raw payload and the reason, and counts it as failed; the import goes on.
 *
 * <p>Build it with {@link #of(String, String, String)} and the {@code with...} methods. The canonical constructor stays public (a record's
 * must), but a later version that adds a component changes it and keeps today's as a deprecated overload, so a
 * plugin built against this version still loads; the build's API check (japicmp) holds the host to that.
 *
 * @param stream the stream it belongs to
 * @param externalId the upstream's id for it when known (so it can be read again), or null
 * @param rawPayload what the upstream sent, as it was
 * @param reason why it could not be mapped, for a person
 * @since 0.1
 */
public record RejectedRecord(String stream, String externalId, String rawPayload, String reason) {

    public RejectedRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(rawPayload, "rawPayload");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * A record that could not be mapped, whose id is unknown.
     *
     * @since 1.0
     */
    public static RejectedRecord of(String stream, String rawPayload, String reason) {
        return new RejectedRecord(stream, null, rawPayload, reason);
    }

    /**
     * This rejected record, with the upstream's id for it, so that it can be read again on replay.
     *
     * @since 1.0
     */
    public RejectedRecord withExternalId(String id) {
        return new RejectedRecord(stream, id, rawPayload, reason);
    }
}
