package io.inflow.server.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what is left of a request's body before an error answer that did not read it (a 401 or 403 before the
 * resource, a 404, a 415). Jetty otherwise ends such an exchange by closing the connection when the body's last
 * bytes have not arrived yet, without saying {@code Connection: close}: a client that sends the headers and the body
 * in two writes (Java's and Python's clients do) then loses its next request on that kept-alive connection
 * ("header parser received no bytes"; measured: 9 of 200 refused POSTs). At most {@code maxBytes} are read: a larger
 * body is the client's to stop (see {@link RequestBodyLimitFilter}).
 */
final class UnreadBodyDrain implements ContainerResponseFilter {

    private final long maxBytes;

    UnreadBodyDrain(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400) {
            return;
        }
        try {
            // Jersey throws IllegalStateException here when a resource read the body already: nothing is left
            if (!request.hasEntity()) {
                return;
            }
            InputStream body = request.getEntityStream();
            long skipped = 0;
            byte[] buffer = new byte[8192];
            int read;
            while (skipped <= maxBytes && (read = body.read(buffer)) >= 0) {
                skipped += read;
            }
        } catch (IOException | RuntimeException unreadable) {
            // read already, the client went away, or the body was over the limit: nothing more to read
        }
    }
}
