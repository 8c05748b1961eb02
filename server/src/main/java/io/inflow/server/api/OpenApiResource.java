package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/openapi.json}: the API described for clients and code generators (OpenAPI 3). */
@Path("/api/v1/openapi.json")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {

    private final OpenApiDocument document;

    OpenApiResource(OpenApiDocument document) {
        this.document = document;
    }

    @GET
    public String document() {
        return document.json();
    }
}
