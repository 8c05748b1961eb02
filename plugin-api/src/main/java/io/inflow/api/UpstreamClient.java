package io.inflow.api;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The HTTP client a connector uses for every upstream call, built on {@link java.net.http}. The host's
 * implementation carries everything a connector should not write itself:
 * <ul>
 *   <li>the rate limit of the connection's scope ({@link Connector#rateLimitScope}), waited for before every
 *       request that goes on the wire, retries included, and shared by every node of the cluster; the host's
 *       transport never resends a request by itself;</li>
 *   <li>its daily quota, counted across restarts and nodes ({@link QuotaExhaustedException} when spent);</li>
 *   <li>after a 429, every call of the scope waits: as long as {@code Retry-After} says, else the upstream's
 *       declared {@link Limits#lockout()}, else a backoff;</li>
 *   <li>retries with exponential backoff and jitter on 429, 5xx, timeouts and broken connections, honouring
 *       {@code Retry-After}, bounded in time (a call gives up when it has had no usable answer for the host's
 *       retry budget, five minutes by default); other 4xx answers are never retried;</li>
 *   <li>a circuit breaker per connection (while it is open, calls wait for it), and connect and read
 *       timeouts.</li>
 * </ul>
 * While a call waits for long, the run it belongs to shows why and until when. A call may therefore block for
 * minutes; it returns early when the run is cancelled ({@link ReadCancelledException}) or the thread is
 * interrupted. Thread-safe.
 *
 * @since 0.1
 */
public interface UpstreamClient {

    /**
     * Sends a request, retrying as above, and answers the last response: a success, a 4xx other than 429 (for
     * the connector to explain), or, when retries ran out, the last 429 or 5xx.
     *
     * @throws IOException when the upstream cannot be reached after the retries
     * @throws InterruptedException when the thread is interrupted while waiting or sending
     * @throws QuotaExhaustedException when the connection's daily quota is spent
     * @throws ReadCancelledException when the run is cancelled while the call waits (since 0.2)
     */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException;

    /** {@link #send} with the body read as a UTF-8 string. */
    default HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a request and reads its answer with {@code reader}, retrying 429, 5xx, transport failures and
     * answers the reader finds unreadable (it throws {@link IOException}). The happy path of a connector: call
     * this and handle only the answers that mean something.
     *
     * <p>This default makes a single attempt; the host's client overrides it.
     *
     * @throws IOException when no readable answer came within the retries; its message says what was tried
     * @throws ConnectorException when the reader says the answer will not get better
     * @throws QuotaExhaustedException when the connection's daily quota is spent
     * @throws ReadCancelledException when the run is cancelled while the call waits (since 0.2)
     */
    default <T> T fetch(HttpRequest request, ResponseReader<T> reader) throws IOException, InterruptedException {
        return reader.read(send(request));
    }
}
