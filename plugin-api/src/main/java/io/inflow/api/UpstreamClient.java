package io.inflow.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The HTTP client a connector uses for every upstream call, built on {@link java.net.http}. The host's
 * implementation applies the connection's rate limit before each call and its timeouts to each call.
 *
 * <p>Thread-safe. Answers of any status are returned as they are: reading the status is the connector's job.
 *
 * @since 0.1
 */
public interface UpstreamClient {

    /**
     * Sends a request once the rate limit allows it, and blocks until the answer is read.
     *
     * @throws IOException when the upstream cannot be reached or the connection breaks
     * @throws InterruptedException when the thread is interrupted while waiting or sending
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException;

    /** {@link #send} with the body read as a UTF-8 string. */
    default HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }
}
