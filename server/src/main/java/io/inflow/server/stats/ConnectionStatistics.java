package io.inflow.server.stats;

import io.inflow.api.Limits;
import io.inflow.api.stats.StatQuery;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.QuotaUsage;
import io.inflow.server.resilience.QuotaWindows;
import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.RecordCount;
import io.inflow.server.store.RecordCountDao;
import io.inflow.server.store.StatRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers a connection's stats: records per stream, dead letters, the quota spent this window, the plugin's own
 * figures (a failed stat query is told in its figure, not thrown), and whether the figures it expects were reached.
 */
public final class ConnectionStatistics {

    private final RecordCountDao recordCounts;
    private final DeadLetterDao deadLetters;
    private final QuotaWindows quotas;
    private final StatRunner statRunner;
    private final ConnectionService connections;
    private final PluginRegistry plugins;

    public ConnectionStatistics(RecordCountDao recordCounts, DeadLetterDao deadLetters, QuotaWindows quotas,
                                StatRunner statRunner, ConnectionService connections, PluginRegistry plugins) {
        this.recordCounts = recordCounts;
        this.deadLetters = deadLetters;
        this.quotas = quotas;
        this.statRunner = statRunner;
        this.connections = connections;
        this.plugins = plugins;
    }

    /** @throws InflowException NOT_FOUND for an unknown connection */
    public ConnectionStats of(long connectionId) {
        Connection connection = connections.get(connectionId);
        Map<String, Long> records = byStream(recordCounts.of(connection.id()));
        Map<String, Long> deleted = byStream(recordCounts.deletedOf(connection.id()));
        Map<String, PluginFigure> figures = pluginFigures(connection);
        return new ConnectionStats(connection.id(), connection.pluginId(), records, deleted,
                deadLetters.openCount(connection.id()), quota(connection), figures,
                ExpectedFigures.check(connection.config(), records, figures));
    }

    private static Map<String, Long> byStream(List<RecordCount> counts) {
        Map<String, Long> records = new LinkedHashMap<>();
        for (RecordCount count : counts) {
            records.put(count.stream(), count.records());
        }
        return records;
    }

    private Map<String, PluginFigure> pluginFigures(Connection connection) {
        Map<String, PluginFigure> figures = new LinkedHashMap<>();
        List<StatQuery> queries = plugins.connector(connection.pluginId())
                .map(connector -> connector.call(plugin -> plugin.stats())).orElse(List.of());
        for (StatQuery query : queries) {
            try {
                figures.put(query.name(), new PluginFigure(query.description(),
                        statRunner.run(query, connection.id()), null));
            } catch (RuntimeException e) {
                figures.put(query.name(), new PluginFigure(query.description(), List.of(),
                        "the query failed: " + rootMessage(e)));
            }
        }
        return figures;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private QuotaUsage quota(Connection connection) {
        Limits limits = plugins.connector(connection.pluginId()).map(LoadedConnector::spec)
                .map(spec -> spec.limits()).orElse(Limits.perSecond(1));
        return quotas.usage(connection.id(), connection.config(), limits).orElse(null);
    }
}
