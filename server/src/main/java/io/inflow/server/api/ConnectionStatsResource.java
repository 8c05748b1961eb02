package io.inflow.server.api;

import io.inflow.api.Limits;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.plugins.LoadedConnector;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.HostSettings;
import io.inflow.server.store.RecordCount;
import io.inflow.server.store.Store;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v1/connections/{id}/stats}: records per stream, dead letters, and the quota spent today. */
@Path("/api/v1/connections/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionStatsResource {

    private final Store store;
    private final ConnectionService connections;
    private final PluginRegistry plugins;
    private final Duration quotaWindow;
    private final Clock clock;

    ConnectionStatsResource(Store store, ConnectionService connections, PluginRegistry plugins, Duration quotaWindow,
                            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.plugins = plugins;
        this.quotaWindow = quotaWindow;
        this.clock = clock;
    }

    @GET
    public ConnectionStatsView stats(@PathParam("id") String id) {
        Connection connection = connections.get(Requests.id(id, "connection"));
        Map<String, Long> records = new LinkedHashMap<>();
        for (RecordCount count : store.recordCounts().of(connection.id())) {
            records.put(count.stream(), count.records());
        }
        return new ConnectionStatsView(connection.id(), records, store.deadLetters().openCount(connection.id()),
                quota(connection));
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
        long used = store.quotas().used(connection.id(), start);
        long overage = Math.max(0, used - quota);
        double cost = overage * HostSettings.costPerCallBeyondQuota(connection.config(), limits);
        return new ConnectionStatsView.Quota(quota, HostSettings.allowOverage(connection.config()), start,
                start.plus(quotaWindow), used, Math.max(0, quota - used), overage, Math.round(cost * 10_000) / 10_000.0);
    }
}
