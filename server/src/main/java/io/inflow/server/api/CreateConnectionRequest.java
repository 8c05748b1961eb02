package io.inflow.server.api;

import java.util.Map;

/** The body of {@code POST /api/v1/connections}. */
public record CreateConnectionRequest(String plugin, String name, Map<String, Object> config) {
}
