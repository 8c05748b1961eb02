package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.health.DatabaseProbe;
import io.inflow.server.plugins.PluginInfo;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.RecordCount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /api/v1/health}: 200 when the database answers, 503 when it does not. A failed plugin does not make
 * the server unhealthy (it serves every other plugin) but is listed, and makes the status {@code degraded}. The
 * record counts are the {@link DatabaseProbe}'s, at most a period old; the database is asked every time.
 */
@Path("/api/v1/health")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {

    private final DatabaseProbe database;
    private final PluginRegistry plugins;
    private final UpstreamClients upstreams;
    private final boolean embeddedDatabase;

    HealthResource(DatabaseProbe database, PluginRegistry plugins, UpstreamClients upstreams,
                   boolean embeddedDatabase) {
        this.database = database;
        this.plugins = plugins;
        this.upstreams = upstreams;
        this.embeddedDatabase = embeddedDatabase;
    }

    @GET
    public Response health() {
        HealthView.DatabaseHealth database;
        HealthView.RecordsHealth records = null;
        long openDeadLetters = 0;
        String mode = embeddedDatabase ? "embedded" : "external";
        try {
            DatabaseProbe.Answer answer = this.database.probe();
            database = new HealthView.DatabaseHealth(true, mode, answer.latencyMs(), null);
            openDeadLetters = answer.openDeadLetters();
            List<RecordCount> counts = answer.records();
            records = new HealthView.RecordsHealth(counts.stream().mapToLong(RecordCount::records).sum(),
                    counts.stream().map(count -> new HealthView.StreamRecords(count.connectionId(), count.stream(),
                            count.records())).toList(), answer.countedAt());
        } catch (RuntimeException e) {
            database = new HealthView.DatabaseHealth(false, mode, null, e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        }
        List<PluginInfo> all = plugins.list();
        List<HealthView.PluginFailure> failures = all.stream().filter(plugin -> !plugin.isUsable())
                .map(plugin -> new HealthView.PluginFailure(plugin.id(), plugin.failure())).toList();
        HealthView.PluginsHealth pluginHealth = new HealthView.PluginsHealth(all.size() - failures.size(),
                failures.size(), failures);
        List<HealthView.UpstreamHealth> breakers = upstreams.breakerStates().entrySet().stream()
                .map(entry -> new HealthView.UpstreamHealth(entry.getKey(), entry.getValue())).toList();
        boolean breakerOpen = breakers.stream().anyMatch(breaker -> !breaker.circuitBreaker().equals("CLOSED"));
        String status = !database.ok() ? "down" : failures.isEmpty() && !breakerOpen ? "ok" : "degraded";
        return Response.status(database.ok() ? 200 : 503)
                .entity(new HealthView(status, database, pluginHealth, records, breakers, openDeadLetters))
                .build();
    }
}
