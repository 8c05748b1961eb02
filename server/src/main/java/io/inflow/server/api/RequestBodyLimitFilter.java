package io.inflow.server.api;

import io.inflow.server.errors.InflowException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * 413 for a request body over {@code api.maxRequestBodySize}: at once when its {@code Content-Length} says so, and
 * while it is read when it is sent without one (chunked), so no body of any size is ever buffered whole. Runs after
 * authentication: a caller without a key gets its 401 first.
 *
 * <p>A body announced too large, but no larger than {@link #DRAINED} times the limit, is read and thrown away
 * before the 413: a server that answers and closes while the client still sends makes the client's TCP stack
 * reset the connection, and the client loses the answer ("header parser received no bytes"). Clients that send
 * {@code Expect: 100-continue} (curl, for large bodies) get the 413 before sending anything.
 */
@Priority(Priorities.ENTITY_CODER)
final class RequestBodyLimitFilter implements ContainerRequestFilter {

    /** How many times the limit a body announced too large may be, and still be read to deliver the 413. */
    private static final long DRAINED = 8;

    private final long maxBytes;

    RequestBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            if (request.getLength() <= DRAINED * maxBytes) {
                drain(request.getEntityStream());
            }
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream()));
        }
    }

    private static void drain(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException gone) {
            // the client went away: there is no one to answer
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
