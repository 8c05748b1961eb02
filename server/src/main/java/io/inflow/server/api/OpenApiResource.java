package io.inflow.server.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/openapi.json}: the API described for clients and code generators (OpenAPI 3). */
@Path("/api/v1/openapi.json")
@PermitAll // it describes the API, which is public; tools fetch it without a key
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
