package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.jobs.CheckpointService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/connections/{id}/checkpoints}: read, set and reset where each stream's imports stand (like
 * Kafka Connect's offsets API). Changes are refused while the connection has an active run, which would
 * overwrite them with its next page.
 */
@Path("/api/v1/connections/{id}/checkpoints")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class CheckpointsResource {

    private final CheckpointService checkpoints;

    CheckpointsResource(CheckpointService checkpoints) {
        this.checkpoints = checkpoints;
    }

    @GET
    public List<CheckpointView> list(@PathParam("id") String id) {
        return checkpoints.list(Requests.id(id, "connection")).stream().map(CheckpointView::of).toList();
    }

    @GET
    @Path("{stream}")
    public CheckpointView get(@PathParam("id") String id, @PathParam("stream") String stream) {
        return CheckpointView.of(checkpoints.get(Requests.id(id, "connection"), stream));
    }

    /** Sets one stream's checkpoint; the next import of the stream starts from it. */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Path("{stream}")
    public CheckpointView put(@PathParam("id") String id, @PathParam("stream") String stream,
                              CheckpointRequest request) {
        if (request == null) {
            throw Requests.bodyRequired();
        }
        return CheckpointView.of(checkpoints.set(Requests.id(id, "connection"), stream, request.position(),
                request.watermark()));
    }

    /** Resets one stream: its next import reads everything. */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{stream}")
    public Map<String, Object> reset(@PathParam("id") String id, @PathParam("stream") String stream) {
        long connectionId = Requests.id(id, "connection");
        return Map.of("connection", connectionId, "reset", checkpoints.reset(connectionId, stream));
    }

    /** Resets every stream of the connection: its next incremental import is a full one. */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> resetAll(@PathParam("id") String id) {
        long connectionId = Requests.id(id, "connection");
        return Map.of("connection", connectionId, "reset", checkpoints.resetAll(connectionId));
    }
}
