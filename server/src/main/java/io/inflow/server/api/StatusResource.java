package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.jobs.RunHistory;
import io.inflow.server.jobs.SchedulerControl;
import io.inflow.server.store.SchedulerStateRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code /api/v1/status}: what the cluster is doing now. */
@Path("/api/v1/status")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {

    private final SchedulerControl control;
    private final RunHistory runs;
    private final ConnectionService connections;
    private final RunViews views;
    private final Clock clock;

    StatusResource(SchedulerControl control, RunHistory runs, ConnectionService connections, RunViews views,
                   Clock clock) {
        this.control = control;
        this.runs = runs;
        this.connections = connections;
        this.views = views;
        this.clock = clock;
    }

    @GET
    public StatusView status() {
        Instant now = clock.instant();
        SchedulerStateRow state = control.state();
        List<StatusView.InProgress> inProgress = views.of(runs.active()).stream()
                .map(run -> StatusView.InProgress.of(run, now))
                .toList();
        Map<Long, String> names = connections.list().stream()
                .collect(Collectors.toMap(Connection::id, Connection::name));
        // a deleted connection has left the API: its history stays under /imports, not here
        List<StatusView.LastRun> lastRuns = runs.lastEndedPerConnection().stream()
                .filter(run -> names.containsKey(run.run().connectionId()))
                .map(run -> new StatusView.LastRun(run.run().connectionId(), names.get(run.run().connectionId()),
                        views.of(run)))
                .toList();
        return new StatusView(state.running() ? "running" : "stopped", state.changedAt(), inProgress, lastRuns);
    }
}
