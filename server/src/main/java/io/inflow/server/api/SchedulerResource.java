package io.inflow.server.api;

import io.inflow.server.auth.Roles;
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

/**
 * {@code /api/v1/scheduler}: the cluster-wide switch of scheduled imports. Stopping it is persisted: no node
 * starts a scheduled or start-up import until it is started again; manual imports still run.
 */
@Path("/api/v1/scheduler")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulerResource {

    private final SchedulerControl control;
    private final SchedulerViews views;

    SchedulerResource(SchedulerControl control, SchedulerViews views) {
        this.control = control;
        this.views = views;
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
        return views.of(state);
    }
}
