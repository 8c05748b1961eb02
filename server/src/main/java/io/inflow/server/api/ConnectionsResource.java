package io.inflow.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.auth.Roles;
import io.inflow.server.connections.CheckResult;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionCheck;
import io.inflow.server.connections.ConnectionEditor;
import io.inflow.server.connections.ConnectionRemoval;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.jobs.ImportService;
import io.inflow.server.plugins.PluginAvailability;
import io.inflow.server.store.RunRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/connections}: configured instances of plugins, and the imports they are asked for. */
@Path("/api/v1/connections")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ConnectionsResource {

    private final ConnectionService connections;
    private final ImportService imports;
    private final RunViews runViews;
    private final ConnectionCheck checks;
    private final ConnectionEditor editor;
    private final ConnectionRemoval removals;
    private final ObjectMapper json;

    ConnectionsResource(ConnectionService connections, ImportService imports, RunViews runViews,
                        ConnectionCheck checks, ConnectionEditor editor, ConnectionRemoval removals,
                        ObjectMapper json) {
        this.connections = connections;
        this.imports = imports;
        this.runViews = runViews;
        this.checks = checks;
        this.editor = editor;
        this.removals = removals;
        this.json = json;
    }

    /**
     * 201 with the connection, once its plugin's check reached the upstream with it (unless {@code check=false});
     * 422 {@code check_failed} and nothing stored when the check failed.
     */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(CreateConnectionRequest request, @QueryParam("check") String check,
                           @Context UriInfo uri) throws InterruptedException {
        boolean checking = Requests.flag(check, "check", true);
        if (request == null) {
            throw Requests.bodyRequired();
        }
        Connection created = editor.create(request.plugin(), request.name(), request.config(),
                request.deletes(), request.streams(), checking);
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
     * Replaces the connection's configuration (checked like a new one's, against its schema and its upstream
     * unless {@code check=false}; secrets sent masked or left out are kept) and its name when given. A run already
     * started keeps the configuration it read.
     */
    @PUT
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public ConnectionView update(@PathParam("id") String id, @QueryParam("check") String check,
                                 UpdateConnectionRequest request) throws InterruptedException {
        long connectionId = Requests.id(id, "connection");
        boolean checking = Requests.flag(check, "check", true);
        if (request == null) {
            throw Requests.bodyRequired();
        }
        if (request.plugin() != null) {
            String plugin = connections.get(connectionId).pluginId();
            if (!plugin.equals(request.plugin())) {
                throw InflowException.invalid("plugin_immutable", "connection " + connectionId + " is of plugin '"
                        + plugin + "' and cannot change plugin; create another connection",
                        Map.of("plugin", plugin));
            }
        }
        return view(editor.update(connectionId, request.name(), request.config(), request.deletes(),
                request.streamsChange(json), checking));
    }

    /**
     * 204: the connection leaves the API and its schedule stops; its records stay unless {@code purge=true}.
     * 409 while one of its runs is active.
     */
    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id, @QueryParam("purge") String purge) {
        boolean purging = Requests.flag(purge, "purge");
        removals.delete(Requests.id(id, "connection"), purging);
        return Response.noContent().build();
    }

    /** 200 with whether the stored configuration reaches the upstream: a failed check is an answer, not an error. */
    @POST
    @Path("{id}/check")
    @RolesAllowed(Roles.ADMIN)
    public CheckResult check(@PathParam("id") String id) throws InterruptedException {
        return checks.check(Requests.id(id, "connection"));
    }

    /**
     * Queues an import of every stream of the connection: 202 with the queued run; 409 when one is active;
     * 429 with {@code Retry-After} inside the connection's cooldown unless {@code force=true}.
     */
    @POST
    @Path("{id}/imports")
    @RolesAllowed(Roles.ADMIN)
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
                plugin.state().code(), plugin.message(), connection.deletes(),
                connection.streams().named().map(ConnectionView.StreamView::of).orElse(null),
                connection.secretsProblem().isPresent() ? "secrets_unreadable" : "ok",
                connection.secretsProblem().orElse(null));
    }
}
