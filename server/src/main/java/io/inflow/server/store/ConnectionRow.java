package io.inflow.server.store;

import java.time.Instant;

/** A row of {@code connections}; {@code config} is the JSON text, secrets included. */
public record ConnectionRow(long id, String pluginId, String name, String config, Instant createdAt,
                            Instant updatedAt, String scheduleCron, String scheduleTimezone, boolean scheduleEnabled,
                            boolean importOnStartup, long cooldownSeconds,
                            Deletes deletes) {
}
