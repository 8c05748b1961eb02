package io.inflow.server.metrics;

import io.inflow.api.Limits;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.QuotaUsage;
import io.inflow.server.resilience.QuotaWindows;
import io.inflow.server.store.DeadLetterDao;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Series read from PostgreSQL when Prometheus scrapes, not counted by this node: quotas and dead letters are
 * shared by every node of a cluster, so each node shows the same database-wide figures. When the database does
 * not answer, a scrape leaves these series out rather than failing (the other series still tell what happened).
 */
public final class StoredStateGauges {

    private static final Logger LOG = LoggerFactory.getLogger(StoredStateGauges.class);

    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final QuotaWindows quotas;
    private final DeadLetterDao deadLetters;

    public StoredStateGauges(ConnectionService connections, PluginRegistry plugins, QuotaWindows quotas,
                             DeadLetterDao deadLetters) {
        this.connections = connections;
        this.plugins = plugins;
        this.quotas = quotas;
        this.deadLetters = deadLetters;
    }

    public void register(PrometheusRegistry registry) {
        GaugeWithCallback.builder()
                .name("inflow_quota_remaining")
                .help("Calls a connection with a daily quota may still make in the current quota window")
                .labelNames("connection")
                .callback(callback -> readSafely("quota", () -> {
                    for (Connection connection : connections.list()) {
                        Optional<QuotaUsage> usage = quotas.usage(connection.id(), connection.config(),
                                limits(connection));
                        if (usage.isPresent()) {
                            callback.call(usage.get().remaining(), connection.name());
                        }
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder()
                .name("inflow_dead_letters")
                .help("Dead letters not yet replayed: records that could not be read or stored")
                .labelNames("connection")
                .callback(callback -> readSafely("dead letters", () -> {
                    List<Connection> all = connections.list();
                    Map<Long, Long> open = deadLetters.openCountByConnection();
                    for (Connection connection : all) {
                        callback.call(open.getOrDefault(connection.id(), 0L), connection.name());
                    }
                    // letters of a connection deleted since: still waiting for someone, under its id
                    open.forEach((connectionId, letters) -> {
                        if (all.stream().noneMatch(connection -> connection.id() == connectionId)) {
                            callback.call(letters, Long.toString(connectionId));
                        }
                    });
                }))
                .register(registry);
    }

    private Limits limits(Connection connection) {
        return plugins.connector(connection.pluginId()).map(LoadedConnector::spec)
                .map(spec -> spec.limits()).orElse(Limits.perSecond(1));
    }

    private static void readSafely(String what, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the {} series from the database for a scrape: {}", what, e.toString());
        }
    }
}
