package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointRow;
import io.inflow.server.store.CheckpointDao;
import io.inflow.server.store.ImportRunDao;
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

    private final CheckpointDao checkpoints;
    private final ImportRunDao runs;
    private final ConnectionService connections;
    private final CheckpointCodec codec;

    CheckpointsResource(CheckpointDao checkpoints, ImportRunDao runs, ConnectionService connections,
                        CheckpointCodec codec) {
        this.checkpoints = checkpoints;
        this.runs = runs;
        this.connections = connections;
        this.codec = codec;
    }

    @GET
    public List<CheckpointView> list(@PathParam("id") String id) {
        Connection connection = connections.get(Requests.id(id, "connection"));
        return checkpoints.list(connection.id()).stream().map(this::view).toList();
    }

    @GET
    @Path("{stream}")
    public CheckpointView get(@PathParam("id") String id, @PathParam("stream") String stream) {
        Connection connection = connections.get(Requests.id(id, "connection"));
        return checkpoints.find(connection.id(), stream).map(this::view)
                .orElseThrow(() -> new InflowException(InflowException.Kind.NOT_FOUND, "checkpoint_not_found",
                        "stream '" + stream + "' of connection " + connection.id() + " has no checkpoint", Map.of()));
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
        Connection connection = idle(id);
        List<String> streams = connections.streams(connection);
        if (!streams.contains(stream)) {
            throw new InflowException(InflowException.Kind.NOT_FOUND, "stream_not_found", "connection "
                    + connection.id() + " has no stream '" + stream + "'", Map.of("streams", streams));
        }
        checkpoints.put(connection.id(), stream, codec.encodeValues(request.position()),
                codec.encodeValues(request.watermark()));
        return get(id, stream);
    }

    /** Resets one stream: its next import reads everything. */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{stream}")
    public Map<String, Object> reset(@PathParam("id") String id, @PathParam("stream") String stream) {
        Connection connection = idle(id);
        return Map.of("connection", connection.id(), "reset", checkpoints.delete(connection.id(), stream));
    }

    /** Resets every stream of the connection: its next incremental import is a full one. */
    @DELETE
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> resetAll(@PathParam("id") String id) {
        Connection connection = idle(id);
        return Map.of("connection", connection.id(), "reset", checkpoints.deleteAll(connection.id()));
    }

    private Connection idle(String id) {
        Connection connection = connections.get(Requests.id(id, "connection"));
        runs.findActive(connection.id()).ifPresent(active -> {
            throw new InflowException(InflowException.Kind.CONFLICT, "run_active", "connection " + connection.id()
                    + " has an active import (run " + active.id() + "); change its checkpoints once it ends",
                    Map.of("activeRunId", active.id()));
        });
        return connection;
    }

    private CheckpointView view(CheckpointRow row) {
        return new CheckpointView(row.stream(), codec.decodeValues(row.position()),
                codec.decodeValues(row.watermark()), row.runId(), row.updatedAt());
    }
}
