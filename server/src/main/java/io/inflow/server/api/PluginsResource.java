package io.inflow.server.api;

import io.inflow.server.plugins.PluginRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/plugins}: what the plugins folder holds, and what became of each jar. */
@Path("/api/v1/plugins")
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
}
