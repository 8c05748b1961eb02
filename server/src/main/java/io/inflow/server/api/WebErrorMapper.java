package io.inflow.server.api;

import io.inflow.server.errors.ErrorView;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Map;

/** The HTTP errors JAX-RS itself raises (no such path, method not allowed, ...), in Inflow's JSON shape. */
@Provider
public final class WebErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.getEntity() instanceof ErrorView) {
            return original;
        }
        int status = original.getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known == null ? "error" : known.getReasonPhrase();
        String code = reason.toLowerCase(Locale.ROOT).replace(' ', '_').replace("-", "_");
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView(code, message(status, reason), Map.of()));
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> response.header(name, value));
            }
        });
        return response.build();
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 404 -> "no such resource";
            // every body the API reads is JSON
            case 415 -> "the body must be JSON: send Content-Type: application/json";
            default -> reason.toLowerCase(Locale.ROOT);
        };
    }
}
