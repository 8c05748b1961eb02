package io.inflow.server.stats;

import java.util.List;
import java.util.Map;

/**
 * A figure a plugin defines for a connection: the rows its stat query answered, or the error it met.
 *
 * @param rows each row a map of its columns in order, dates as ISO-8601 text; empty when the query failed
 * @param error why the query failed, or null
 */
public record PluginFigure(String description, List<Map<String, Object>> rows, String error) {
}
