package io.inflow.server.connections;

import io.inflow.api.ConnectorConfig;
import io.inflow.server.resilience.UpstreamCaller;
import io.inflow.server.store.Deletes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A configured instance of a plugin: one Airtable base, one Mindbody site.
 *
 * @param config its configuration, secrets included: never show it as it is (see {@link ConfigRedactor})
 * @param jobs its schedule, start-up import and cooldown
 * @param deletes what its imports do with records deleted upstream
 * @param streams the streams it imports, and how
 * @param unreadableSecrets the stored secrets that cannot be decrypted (a key not configured, a ciphertext changed),
 *                          by field, with why; they are not in {@code config}, and the connection cannot run
 */
public record Connection(long id, String pluginId, String name, ConnectorConfig config, Instant createdAt,
                         Instant updatedAt, JobSettings jobs, Deletes deletes, StreamSelection streams,
                         Map<String, String> unreadableSecrets) {

    public Connection {
        unreadableSecrets = Map.copyOf(unreadableSecrets);
    }

    /** The connection as its upstream calls know it: their limits, circuit breaker, quota and metrics. */
    public UpstreamCaller upstreamCaller() {
        return new UpstreamCaller(id, name, config);
    }

    /** Why the connection's secrets cannot be used, in words, or empty when they can. */
    public Optional<String> secretsProblem() {
        if (unreadableSecrets.isEmpty()) {
            return Optional.empty();
        }
        StringJoiner fields = new StringJoiner("; ");
        unreadableSecrets.forEach((field, why) -> fields.add("config." + field + ": " + why));
        return Optional.of("the stored secrets of connection " + id + " cannot be decrypted (" + fields
                + "); configure the key that sealed them, or send the secrets again with PUT /api/v1/connections/"
                + id);
    }
}
