package io.inflow.server.api;

import io.inflow.server.errors.InflowException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns a service's {@link InflowException} into a JSON error with the status of its kind. */
@Provider
public final class InflowExceptionMapper implements ExceptionMapper<InflowException> {

    @Override
    public Response toResponse(InflowException exception) {
        return Response.status(exception.kind().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView(exception.code(), exception.getMessage(), exception.details()))
                .build();
    }
}
