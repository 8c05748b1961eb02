package io.inflow.server.api;

import java.time.Instant;
import java.util.Map;

/**
 * A connection as the API shows it: secrets masked, and whether its plugin can run it now.
 *
 * @param pluginState {@code active}, {@code disabled}, {@code missing} or {@code failed}
 * @param pluginMessage why the plugin cannot run the connection's imports, or null when it is active
 */
public record ConnectionView(long id, String plugin, String name, Map<String, Object> config, Instant createdAt,
                             Instant updatedAt, String pluginState, String pluginMessage) {
}
