package io.inflow.server.api;

import io.inflow.server.connections.StreamChoice;
import io.inflow.server.store.Deletes;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/connections}.
 *
 * @param deletes what to do with records deleted upstream: {@code soft} (the default: keep them, marked deleted)
 *                or {@code hard} (remove them)
 * @param streams the streams it imports, each a name or {@code {"name", "mode"}}; left out, every stream
 */
public record CreateConnectionRequest(String plugin, String name, Map<String, Object> config, Deletes deletes,
                                      List<StreamChoice> streams) {
}
