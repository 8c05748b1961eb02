package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.stats.ConnectionStatistics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/connections/{id}/stats}: records per stream, dead letters, the quota spent today, the plugin's own
 * figures, and whether the figures the connection expects were reached.
 */
@Path("/api/v1/connections/{id}/stats")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionStatsResource {

    private final ConnectionStatistics statistics;

    ConnectionStatsResource(ConnectionStatistics statistics) {
        this.statistics = statistics;
    }

    @GET
    public ConnectionStatsView stats(@PathParam("id") String id) {
        return ConnectionStatsView.of(statistics.of(Requests.id(id, "connection")));
    }
}
