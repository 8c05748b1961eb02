package io.inflow.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The data of {@code plugin.changed}: the plugin as {@code GET /api/v1/plugins} showed it on {@code node} (each node
 * has its own plugins folder) after the change; state {@code UNLOADED} when its jar left the folder.
 */
public record PluginEvent(String type, Instant at, String node, JsonNode plugin) {
}
