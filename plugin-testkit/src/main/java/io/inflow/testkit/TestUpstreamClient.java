package io.inflow.testkit;

import io.inflow.api.ResponseReader;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A plain stand-in for the host's client: it keeps the connector's rate limit (a sliding second counted from
 * each answer, like the host) and retries 429 and 5xx a few times, honouring {@code Retry-After}, so a connector's tests see what it
 * will see in Inflow. It counts the requests it sends.
 *
 * <p>A {@link TestHost} has one, and each {@link RecordingReadContext} a view of it that shares its rate limit and
 * counts the requests of its read apart ({@link #requests()}), which the host's client counts too.
 */
public final class TestUpstreamClient implements UpstreamClient {

    private static final int ATTEMPTS = 4;

    private final Wire wire;
    private final TestUpstreamClient host;
    private final LongConsumer afterRequest;
    private final AtomicLong requests = new AtomicLong();

    TestUpstreamClient(double requestsPerSecond) {
        this(new Wire(requestsPerSecond), null, count -> { });
    }

    private TestUpstreamClient(Wire wire, TestUpstreamClient host, LongConsumer afterRequest) {
        this.wire = wire;
        this.host = host;
        this.afterRequest = afterRequest;
    }

    /**
     * A view of this client for one read: same connection and rate limit, its own count of requests, and
     * {@code afterRequest} told that count once each request is answered (or failed).
     */
    TestUpstreamClient forRead(LongConsumer afterRequest) {
        return new TestUpstreamClient(wire, this, afterRequest);
    }

    /** Requests sent so far: retries count, each as one request. */
    public long requests() {
        return requests.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            response = attempt(request, bodyHandler);
            int status = response.statusCode();
            if (status != 429 && status < 500) {
                return response;
            }
            long waitSeconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
            TimeUnit.MILLISECONDS.sleep(Math.max(waitSeconds * 1000, 50L * attempt));
        }
        return response;
    }

    @Override
    public <T> T fetch(HttpRequest request, ResponseReader<T> reader) throws IOException, InterruptedException {
        return reader.read(send(request));
    }

    /** One request on the wire, within the rate limit, counted. */
    private <T> HttpResponse<T> attempt(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException {
        wire.acquire();
        try {
            return wire.http.send(request.timeout().isPresent() ? request
                    : HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(30)).build(),
                    bodyHandler);
        } finally {
            wire.answered();
            counted();
        }
    }

    private void counted() {
        long count = requests.incrementAndGet();
        if (host != null) {
            host.counted();
        }
        afterRequest.accept(count);
    }

    /** The connection and the rate limit, shared by a host's client and its views. */
    private static final class Wire {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final int permits;
        private final long windowNanos;
        private final Deque<Long> answers = new ArrayDeque<>();

        Wire(double requestsPerSecond) {
            this.permits = (int) Math.max(1, Math.floor(requestsPerSecond));
            this.windowNanos = (long) (permits / requestsPerSecond * 1.05e9) + 5_000_000;
        }

        /** Waits until fewer than {@code permits} answers came back within the last window (calls are sequential). */
        void acquire() throws InterruptedException {
            long wait;
            synchronized (answers) {
                long now = System.nanoTime();
                while (!answers.isEmpty() && answers.peekFirst() + windowNanos <= now) {
                    answers.removeFirst();
                }
                wait = answers.size() < permits ? 0 : answers.peekFirst() + windowNanos - now;
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }

        void answered() {
            synchronized (answers) {
                answers.addLast(System.nanoTime());
            }
        }
    }
}
