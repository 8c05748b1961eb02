package io.inflow.server.auth;

import io.dropwizard.auth.UnauthorizedHandler;
import io.inflow.server.errors.ErrorView;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A 401 in Inflow's error shape, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
final class JsonUnauthorizedHandler implements UnauthorizedHandler {

    static final ErrorView ERROR = new ErrorView("unauthorized",
            "a valid API key is required: send it as 'Authorization: Bearer <key>'", Map.of());

    @Override
    public Response buildResponse(String prefix, String realm) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ERROR)
                .build();
    }
}
