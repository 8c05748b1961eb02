package io.inflow.server.api;

import io.inflow.server.auth.ApiKeyPrincipal;
import io.inflow.server.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/v1/session}: who the key that calls is, so that a client (the console) shows only what that key may
 * do. The server enforces the roles whatever a client shows.
 */
@Path("/api/v1/session")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    @GET
    public SessionView get(@Context SecurityContext security) {
        ApiKeyPrincipal key = (ApiKeyPrincipal) security.getUserPrincipal();
        return new SessionView(key.name(), key.role());
    }
}
