package io.inflow.server.api;

import io.inflow.server.store.Deletes;
import io.inflow.server.store.RunMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A connection as the API shows it: secrets masked, and whether its plugin can run it now.
 *
 * @param pluginState {@code active}, {@code disabled}, {@code missing} or {@code failed}
 * @param pluginMessage why the plugin cannot run the connection's imports, or null when it is active
 * @param deletes what its imports do with records deleted upstream: {@code soft} or {@code hard}
 * @param streams the streams it imports, each with its mode; null when it imports every stream its plugin offers
 * @param state {@code ok}, or {@code secrets_unreadable} when a stored secret cannot be decrypted with the
 *              configured keys (the connection cannot run until the key is configured or the secret sent again)
 * @param stateMessage why, in words, or null when {@code ok}
 */
public record ConnectionView(long id, String plugin, String name, Map<String, Object> config, Instant createdAt,
                             Instant updatedAt, String pluginState, String pluginMessage, Deletes deletes,
                             List<StreamView> streams, String state, String stateMessage) {

    /** A stream a connection imports: {@code incremental} follows the run's mode, {@code full} reads it all always. */
    public record StreamView(String name, RunMode mode) {

        static List<StreamView> of(Map<String, RunMode> modes) {
            return modes.entrySet().stream().map(entry -> new StreamView(entry.getKey(), entry.getValue())).toList();
        }
    }
}
