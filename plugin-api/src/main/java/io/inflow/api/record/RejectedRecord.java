package io.inflow.api.record;

import java.util.Objects;

/**
 * An upstream record the connector could not turn into a {@link Record}: the host keeps it as a dead letter,
 * with its raw payload and the reason, and counts it as failed; the import goes on.
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
}
