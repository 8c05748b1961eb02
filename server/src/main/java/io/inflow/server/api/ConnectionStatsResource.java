package io.inflow.server.api;

import io.inflow.api.Limits;
import io.inflow.api.stats.StatQuery;
import io.inflow.server.auth.Roles;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.HostSettings;
import io.inflow.server.store.RecordCount;
import io.inflow.server.store.StatRunner;
import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.QuotaDao;
import io.inflow.server.store.RecordCountDao;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/connections/{id}/stats}: records per stream, dead letters, the quota spent today, the plugin's own
 * figures, and whether the figures the connection expects were reached.
 */
@Path("/api/v1/connections/{id}/stats")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionStatsResource {

    private final RecordCountDao recordCounts;
    private final DeadLetterDao deadLetters;
    private final QuotaDao quotas;
    private final StatRunner statRunner;
    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final Duration quotaWindow;
    private final Clock clock;

    ConnectionStatsResource(RecordCountDao recordCounts, DeadLetterDao deadLetters, QuotaDao quotas,
                            StatRunner statRunner, ConnectionService connections, PluginRegistry plugins,
                            Duration quotaWindow, Clock clock) {
        this.recordCounts = recordCounts;
        this.deadLetters = deadLetters;
        this.quotas = quotas;
        this.statRunner = statRunner;
        this.connections = connections;
        this.plugins = plugins;
        this.quotaWindow = quotaWindow;
        this.clock = clock;
    }

    @GET
    public ConnectionStatsView stats(@PathParam("id") String id) {
        Connection connection = connections.get(Requests.id(id, "connection"));
        Map<String, Long> records = new LinkedHashMap<>();
        for (RecordCount count : recordCounts.of(connection.id())) {
            records.put(count.stream(), count.records());
        }
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RecordCount count : recordCounts.deletedOf(connection.id())) {
            deleted.put(count.stream(), count.records());
        }
        Map<String, ConnectionStatsView.Stat> stats = pluginStats(connection);
        return new ConnectionStatsView(connection.id(), connection.pluginId(), records, deleted,
                deadLetters.openCount(connection.id()), quota(connection), stats,
                expected(connection, records, stats));
    }

    private Map<String, ConnectionStatsView.Stat> pluginStats(Connection connection) {
        Map<String, ConnectionStatsView.Stat> stats = new LinkedHashMap<>();
        List<StatQuery> queries = plugins.connector(connection.pluginId())
                .map(connector -> connector.call(plugin -> plugin.stats())).orElse(List.of());
        for (StatQuery query : queries) {
            try {
                stats.put(query.name(), new ConnectionStatsView.Stat(query.description(),
                        statRunner.run(query, connection.id()), null));
            } catch (RuntimeException e) {
                stats.put(query.name(), new ConnectionStatsView.Stat(query.description(), List.of(),
                        "the query failed: " + rootMessage(e)));
            }
        }
        return stats;
    }

    /** Each expected figure: a stream's record count, or a column of a one-row stat. */
    private static List<ConnectionStatsView.Expected> expected(Connection connection, Map<String, Long> records,
                                                               Map<String, ConnectionStatsView.Stat> stats) {
        List<ConnectionStatsView.Expected> checks = new ArrayList<>();
        HostSettings.expectedFigures(connection.config()).forEach((figure, wanted) -> {
            Object actual = records.containsKey(figure) ? records.get(figure) : statValue(stats, figure);
            checks.add(new ConnectionStatsView.Expected(figure, wanted, actual, sameFigure(wanted, actual)));
        });
        return checks;
    }

    private static Object statValue(Map<String, ConnectionStatsView.Stat> stats, String figure) {
        int dot = figure.indexOf('.');
        if (dot < 0) {
            return null;
        }
        ConnectionStatsView.Stat stat = stats.get(figure.substring(0, dot));
        if (stat == null || stat.rows().size() != 1) {
            return null;
        }
        return stat.rows().get(0).get(figure.substring(dot + 1));
    }

    private static boolean sameFigure(Object wanted, Object actual) {
        if (wanted == null || actual == null) {
            return false;
        }
        if (wanted instanceof Number && actual instanceof Number) {
            return new BigDecimal(wanted.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
        }
        return wanted.toString().equals(actual.toString());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private ConnectionStatsView.Quota quota(Connection connection) {
        Limits limits = plugins.connector(connection.pluginId()).map(LoadedConnector::spec)
                .map(spec -> spec.limits()).orElse(Limits.perSecond(1));
        long quota = HostSettings.dailyQuota(connection.config(), limits);
        if (quota <= 0) {
            return null;
        }
        long size = quotaWindow.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(clock.instant().toEpochMilli(), size) * size);
        long used = quotas.used(connection.id(), start);
        long overage = Math.max(0, used - quota);
        double cost = overage * HostSettings.costPerCallBeyondQuota(connection.config(), limits);
        return new ConnectionStatsView.Quota(quota, HostSettings.allowOverage(connection.config()), start,
                start.plus(quotaWindow), used, Math.max(0, quota - used), overage, Math.round(cost * 10_000) / 10_000.0);
    }
}
