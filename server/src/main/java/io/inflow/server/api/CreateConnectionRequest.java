package io.inflow.server.api;

import io.inflow.server.store.Deletes;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/connections}.
 *
 * @param deletes what to do with records deleted upstream: {@code soft} (the default: keep them, marked deleted)
 *                or {@code hard} (remove them)
 */
public record CreateConnectionRequest(String plugin, String name, Map<String, Object> config, Deletes deletes) {
}
