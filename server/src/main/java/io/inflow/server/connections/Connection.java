package io.inflow.server.connections;

import io.inflow.api.ConnectorConfig;
import io.inflow.server.store.Deletes;
import java.time.Instant;

/**
 * A configured instance of a plugin: one Airtable base, one Mindbody site.
 *
 * @param config its configuration, secrets included: never show it as it is (see {@link ConfigRedactor})
 * @param jobs its schedule, start-up import and cooldown
 * @param deletes what its imports do with records deleted upstream
 */
public record Connection(long id, String pluginId, String name, ConnectorConfig config, Instant createdAt,
                         Instant updatedAt, JobSettings jobs, Deletes deletes) {
}
