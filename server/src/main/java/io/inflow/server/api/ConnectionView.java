package io.inflow.server.api;

import java.time.Instant;
import java.util.Map;

/** A connection as the API shows it: secrets masked. */
public record ConnectionView(long id, String plugin, String name, Map<String, Object> config, Instant createdAt,
                             Instant updatedAt) {
}
