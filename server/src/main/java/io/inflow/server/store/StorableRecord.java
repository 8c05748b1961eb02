package io.inflow.server.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A record PostgreSQL can store, with its content hash (see {@link JsonbDigest}).
 *
 * @param payload the record's JSON object, as the connector gave it
 * @param contentHash md5 of the payload's {@code jsonb} text, as {@code records.content_hash} holds it
 */
public record StorableRecord(String externalId, String payload, UUID contentHash, Instant sourceUpdatedAt) {
}
