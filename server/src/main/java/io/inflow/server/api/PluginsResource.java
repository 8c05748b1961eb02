package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.PluginRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/plugins}: what the plugins folder holds, what became of each jar; rescan, disable, enable. */
@Path("/api/v1/plugins")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class PluginsResource {

    private final PluginRegistry plugins;

    public PluginsResource(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    @GET
    public List<PluginView> list() {
        return plugins.list().stream().map(PluginView::of).toList();
    }

    /** Loads jars added to the folder, unloads removed ones and retries failed ones, without a restart. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("rescan")
    public PluginRegistry.Rescan rescan() {
        return plugins.rescan();
    }

    /** Stops a plugin, also after restarts: its connections cannot import and their schedules skip. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/disable")
    public PluginView disable(@PathParam("id") String id) {
        return PluginView.of(plugins.disable(id).orElseThrow(() -> InflowException.notFound("plugin", id)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/enable")
    public PluginView enable(@PathParam("id") String id) {
        return PluginView.of(plugins.enable(id).orElseThrow(() -> InflowException.notFound("plugin", id)));
    }
}
