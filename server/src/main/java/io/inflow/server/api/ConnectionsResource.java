package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.jobs.ImportService;
import io.inflow.server.plugins.PluginAvailability;
import io.inflow.server.store.RunRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.List;

/** {@code /api/v1/connections}: configured instances of plugins, and the imports they are asked for. */
@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public final class ConnectionsResource {

    private final ConnectionService connections;
    private final ImportService imports;
    private final RunViews runViews;

    ConnectionsResource(ConnectionService connections, ImportService imports, RunViews runViews) {
        this.connections = connections;
        this.imports = imports;
        this.runViews = runViews;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    public Response create(CreateConnectionRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw Requests.bodyRequired();
        }
        Connection created = connections.create(request.plugin(), request.name(), request.config());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
                .entity(view(created))
                .build();
    }

    @GET
    public List<ConnectionView> list() {
        return connections.list().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public ConnectionView get(@PathParam("id") String id) {
        return view(connections.get(Requests.id(id, "connection")));
    }

    /**
     * Queues an import of every stream of the connection: 202 with the queued run; 409 when one is active;
     * 429 with {@code Retry-After} inside the connection's cooldown unless {@code force=true}.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("{id}/imports")
    public Response triggerImport(@PathParam("id") String id, @QueryParam("force") String force,
                                  TriggerImportRequest body, @Context SecurityContext security) {
        TriggerImportRequest request = body == null ? TriggerImportRequest.DEFAULT : body;
        RunRow run = imports.trigger(Requests.id(id, "connection"), request.modeOrDefault(), request.notes(),
                Requests.caller(security), Requests.flag(force, "force"));
        return Response.accepted(runViews.of(run)).build();
    }

    private ConnectionView view(Connection connection) {
        PluginAvailability plugin = connections.pluginOf(connection);
        return new ConnectionView(connection.id(), connection.pluginId(), connection.name(),
                connections.redactedConfig(connection), connection.createdAt(), connection.updatedAt(),
                plugin.state().code(), plugin.message());
    }
}
