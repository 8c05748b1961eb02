package io.inflow.server.api;

import io.inflow.server.errors.ErrorView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure no other mapper explains: a bug, or the database gone. 500 with an id to find the stack trace in the
 * log; the body never carries the trace.
 */
@Provider
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("Error {} while handling a request", id, exception);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorView("internal_error", "the server failed to handle this request; the log has "
                        + "the details under error id " + id, Map.of("errorId", id)))
                .build();
    }
}
