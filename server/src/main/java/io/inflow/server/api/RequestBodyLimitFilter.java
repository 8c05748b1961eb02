package io.inflow.server.api;

import io.inflow.server.errors.InflowException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * 413 for a request body over {@code api.maxRequestBodySize}: at once when its {@code Content-Length} says so, and
 * while it is read when it is sent without one (chunked), so no body of any size is ever buffered whole. Runs after
 * authentication: a caller without a key gets its 401 first.
 */
@Priority(Priorities.ENTITY_CODER)
final class RequestBodyLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    RequestBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream()));
        }
    }

    private InflowException tooLarge() {
        return new InflowException(InflowException.Kind.PAYLOAD_TOO_LARGE, "body_too_large",
                "the request body is larger than " + maxBytes + " bytes", Map.of("maxBytes", maxBytes));
    }

    private final class LimitedStream extends FilterInputStream {

        private long read;

        LimitedStream(InputStream body) {
            super(body);
        }

        @Override
        public int read() throws IOException {
            int next = super.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(long bytes) {
            read += bytes;
            if (read > maxBytes) {
                throw tooLarge();
            }
        }
    }
}
