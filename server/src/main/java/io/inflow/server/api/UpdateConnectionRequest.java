package io.inflow.server.api;

import io.inflow.server.store.Deletes;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/connections/{id}}: create's body, where {@code name} may be left out (kept) and
 * {@code plugin}, when given, must be the connection's own (a connection never changes plugin).
 *
 * @param config the whole new configuration; a secret left out or sent as {@code ********} keeps its value
 * @param deletes {@code soft} or {@code hard}; left out, it is kept
 */
public record UpdateConnectionRequest(String plugin, String name, Map<String, Object> config, Deletes deletes) {
}
