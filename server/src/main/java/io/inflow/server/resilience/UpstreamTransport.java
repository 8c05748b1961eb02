package io.inflow.server.resilience;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Puts one request on the wire and brings back its answer. Exactly once: a transport never resends a request by
 * itself (a resend would reach the upstream without passing the rate limiter, as the JDK's client does after a
 * connection closed without an answer) and never follows a redirect; retries and redirects are the
 * {@link ResilientUpstreamClient}'s, each through the limiter.
 */
interface UpstreamTransport extends AutoCloseable {

    /**
     * Sends {@code request} and reads its whole answer with {@code bodyHandler}.
     *
     * @param timeout the longest the exchange may take, connecting included
     * @throws UpstreamUnreachableException when no answer came, with the reason in words
     * @throws InterruptedException when the thread is interrupted; the exchange is aborted
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler, Duration timeout)
            throws IOException, InterruptedException;

    @Override
    void close();
}
