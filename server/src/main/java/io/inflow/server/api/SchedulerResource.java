package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.jobs.ConnectionSchedules;
import io.inflow.server.jobs.SchedulerControl;
import io.inflow.server.store.SchedulerStateRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /api/v1/scheduler}: the cluster-wide switch of scheduled imports. Stopping it is persisted: no node
 * starts a scheduled or start-up import until it is started again; manual imports still run.
 */
@Path("/api/v1/scheduler")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulerResource {

    private final SchedulerControl control;
    private final ConnectionService connections;
    private final ConnectionSchedules schedules;

    SchedulerResource(SchedulerControl control, ConnectionService connections, ConnectionSchedules schedules) {
        this.control = control;
        this.connections = connections;
        this.schedules = schedules;
    }

    @GET
    public SchedulerView get() {
        return view(control.state());
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("stop")
    public SchedulerView stop(@Context SecurityContext security) {
        return view(control.stop(Requests.caller(security)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("start")
    public SchedulerView start(@Context SecurityContext security) {
        return view(control.start(Requests.caller(security)));
    }

    private SchedulerView view(SchedulerStateRow state) {
        List<SchedulerView.UpcomingFire> upcoming = new ArrayList<>();
        for (Connection connection : connections.list()) {
            List<Instant> fires = schedules.nextFires(connection.jobs());
            if (!fires.isEmpty()) {
                upcoming.add(new SchedulerView.UpcomingFire(connection.id(), connection.name(),
                        connection.jobs().cron(), connection.jobs().timezone(), fires.get(0)));
            }
        }
        upcoming.sort(Comparator.comparing(SchedulerView.UpcomingFire::at));
        return SchedulerView.of(state, upcoming);
    }
}
