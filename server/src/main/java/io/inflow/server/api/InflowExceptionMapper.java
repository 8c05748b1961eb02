package io.inflow.server.api;

import io.inflow.server.errors.ErrorView;
import io.inflow.server.errors.InflowException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns a service's {@link InflowException} into a JSON error with the status of its kind, and a
 * {@code Retry-After} header when the error says when to retry.
 */
@Provider
public final class InflowExceptionMapper implements ExceptionMapper<InflowException> {

    @Override
    public Response toResponse(InflowException exception) {
        Response.ResponseBuilder response = Response.status(exception.kind().status());
        Object retryAfter = exception.details().get("retryAfterSeconds");
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView(exception.code(), exception.getMessage(), exception.details()))
                .build();
    }
}
