package io.inflow.server.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** The body of {@code POST /api/v1/connections}. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateConnectionRequest(String plugin, String name, Map<String, Object> config) {
}
