package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code connections}; {@code config} is the JSON text, secrets included; {@code streams} the JSON object of
 * the streams it imports with their modes, or null for all.
 */
public record ConnectionRow(long id, String pluginId, String name, String config, Instant createdAt,
                            Instant updatedAt, String scheduleCron, String scheduleTimezone, boolean scheduleEnabled,
                            boolean importOnStartup, long cooldownSeconds,
                            Deletes deletes, String streams) {
}
