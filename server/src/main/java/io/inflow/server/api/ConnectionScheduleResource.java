package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.connections.JobSettings;
import io.inflow.server.jobs.ConnectionSchedules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/connections/{id}/schedule}: when a connection imports by itself, and its cooldown. */
@Path("/api/v1/connections/{id}/schedule")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ConnectionScheduleResource {

    private final ConnectionSchedules schedules;

    ConnectionScheduleResource(ConnectionSchedules schedules) {
        this.schedules = schedules;
    }

    @GET
    public ScheduleView get(@PathParam("id") String id) {
        long connectionId = Requests.id(id, "connection");
        JobSettings settings = schedules.get(connectionId);
        return ScheduleView.of(connectionId, settings, schedules.nextFires(settings));
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    public ScheduleView put(@PathParam("id") String id, ScheduleRequest request) {
        if (request == null) {
            throw Requests.bodyRequired();
        }
        long connectionId = Requests.id(id, "connection");
        JobSettings settings = schedules.set(connectionId, request.toSettings());
        return ScheduleView.of(connectionId, settings, schedules.nextFires(settings));
    }
}
