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

/**
 * A plain stand-in for the host's client: it keeps the connector's rate limit (a sliding second counted from
 * each answer, like the host) and retries 429 and 5xx a few times, honouring {@code Retry-After}, so a connector's tests see what it
 * will see in Inflow. It counts the requests it sends.
 */
public final class TestUpstreamClient implements UpstreamClient {

    private static final int ATTEMPTS = 4;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int permits;
    private final long windowNanos;
    private final Deque<Long> answers = new ArrayDeque<>();
    private final AtomicLong requests = new AtomicLong();

    TestUpstreamClient(double requestsPerSecond) {
        this.permits = (int) Math.max(1, Math.floor(requestsPerSecond));
        this.windowNanos = (long) (permits / requestsPerSecond * 1.05e9) + 5_000_000;
    }

    /** Requests sent so far. */
    public long requests() {
        return requests.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException {
        HttpResponse<T> response = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            acquire();
            requests.incrementAndGet();
            try {
                response = http.send(request.timeout().isPresent() ? request
                        : HttpRequest.newBuilder(request, (n, v) -> true).timeout(Duration.ofSeconds(30)).build(),
                        bodyHandler);
            } finally {
                answered();
            }
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

    /** Waits until fewer than {@code permits} answers came back within the last window (calls are sequential). */
    private void acquire() throws InterruptedException {
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

    private void answered() {
        synchronized (answers) {
            answers.addLast(System.nanoTime());
        }
    }
}
