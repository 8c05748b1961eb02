package io.inflow.server.stats;

import io.inflow.server.resilience.QuotaUsage;
import java.util.List;
import java.util.Map;

/**
 * What a connection holds and what it spent.
 *
 * @param records stored records per stream that exist upstream
 * @param deleted records per stream kept marked deleted (deleted upstream; a {@code hard} connection keeps none)
 * @param openDeadLetters records kept as dead letters and not replayed yet
 * @param quota its quota's usage this window, or null when it has no daily quota
 * @param figures the plugin's own figures, by name
 * @param expected each figure the connection expects, and whether it matches
 */
public record ConnectionStats(long connectionId, String pluginId, Map<String, Long> records,
                              Map<String, Long> deleted, long openDeadLetters, QuotaUsage quota,
                              Map<String, PluginFigure> figures, List<ExpectedFigure> expected) {
}
