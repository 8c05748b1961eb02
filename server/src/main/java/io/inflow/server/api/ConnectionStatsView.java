package io.inflow.server.api;

import io.inflow.server.resilience.QuotaUsage;
import io.inflow.server.stats.ConnectionStats;
import io.inflow.server.stats.ExpectedFigure;
import io.inflow.server.stats.PluginFigure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/connections/{id}/stats}: what a connection holds and what it spent.
 *
 * @param records stored records per stream that exist upstream
 * @param deleted records per stream kept marked deleted (deleted upstream; a {@code hard} connection keeps none)
 * @param openDeadLetters records kept as dead letters and not replayed yet
 * @param quota its daily quota this window, or null when it has none
 * @param stats the plugin's own figures, by name
 * @param expected each figure the connection's {@code expectedFigures} names, and whether it matches
 */
public record ConnectionStatsView(long connection, String plugin, Map<String, Long> records,
                                  Map<String, Long> deleted, long openDeadLetters,
                                  Quota quota, Map<String, Stat> stats, List<Expected> expected) {

    static ConnectionStatsView of(ConnectionStats stats) {
        Map<String, Stat> figures = new LinkedHashMap<>();
        stats.figures().forEach((name, figure) -> figures.put(name, Stat.of(figure)));
        return new ConnectionStatsView(stats.connectionId(), stats.pluginId(), stats.records(), stats.deleted(),
                stats.openDeadLetters(), stats.quota() == null ? null : Quota.of(stats.quota()), figures,
                stats.expected().stream().map(Expected::of).toList());
    }

    /**
     * Calls counted in the current quota window.
     *
     * @param overageCalls calls beyond the quota (only where overage is allowed)
     * @param overageCost their cost at {@code costPerCallBeyondQuota}
     */
    public record Quota(long dailyQuota, boolean allowOverage, Instant windowStart, Instant windowEnd, long used,
                        long remaining, long overageCalls, double overageCost) {

        static Quota of(QuotaUsage usage) {
            return new Quota(usage.dailyQuota(), usage.allowOverage(), usage.windowStart(), usage.windowEnd(),
                    usage.used(), usage.remaining(), usage.overageCalls(), usage.overageCost());
        }
    }

    /** A plugin figure: its rows, or the error its query met. */
    public record Stat(String description, List<Map<String, Object>> rows, String error) {

        static Stat of(PluginFigure figure) {
            return new Stat(figure.description(), figure.rows(), figure.error());
        }
    }

    /** An expected figure against what was found (null when nothing was). */
    public record Expected(String figure, Object expected, Object actual, boolean matches) {

        static Expected of(ExpectedFigure figure) {
            return new Expected(figure.figure(), figure.expected(), figure.actual(), figure.matches());
        }
    }
}
