package io.inflow.testkit;

import io.inflow.api.ReadCancelledException;
import io.inflow.api.ResponseReader;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * A stand-in for the host's client that sends and retries as Inflow's server does, so a connector that passes its
 * tests behaves the same in the server:
 * <ul>
 *   <li>it keeps the connector's rate limit (a sliding second counted from each answer, like the host);</li>
 *   <li>it retries 429 and 5xx answers, transport failures (a broken or refused connection, a timeout) and, in
 *       {@link #fetch}, answers the reader cannot read (it throws {@link IOException}); never another 4xx, nor an
 *       answer the reader explains with a {@link RuntimeException} such as a {@code ConnectorException};</li>
 *   <li>it waits as long as {@code Retry-After} says, in seconds or as an HTTP date; after a 429 without one, as long
 *       as the connector's declared {@link io.inflow.api.Limits#lockout() lock-out}; else a backoff that doubles from
 *       {@link Retries#initialBackoff()} up to {@link Retries#maxBackoff()} (without the server's jitter, so that tests
 *       repeat);</li>
 *   <li>a call gives up once it has had no usable answer for the retry budget ({@link Retries#budget()}, 30 seconds
 *       by default against the server's 5 minutes, so that a test of a dead upstream ends soon), and at once when a
 *       wait would end beyond it: {@link #send} then answers the last 429 or 5xx, {@link #fetch} throws an
 *       {@link IOException} that says what was tried;</li>
 *   <li>a call of a cancelled read stops waiting with {@link ReadCancelledException}.</li>
 * </ul>
 * It does not follow redirects (the server does), nor keep daily quotas. It counts the requests it sends, each try
 * as one.
 *
 * <p>A {@link TestHost} has one, and each {@link RecordingReadContext} a view of it that shares its rate limit and
 * counts the requests of its read apart ({@link #requests()}), which the host's client counts too.
 */
public final class TestUpstreamClient implements UpstreamClient {

    /**
     * How calls are retried, and how time passes while they wait.
     *
     * @param budget how long a call may go without a usable answer
     * @param initialBackoff the first wait after a failed try, doubled after each next one
     * @param maxBackoff the longest backoff
     * @param clock what time it is, for the budget and for {@code Retry-After} dates
     * @param pause how the client waits: by default it sleeps, and wakes early when its read is cancelled
     */
    record Retries(Duration budget, Duration initialBackoff, Duration maxBackoff, Clock clock, Pause pause) {

        static final Retries DEFAULT = new Retries(Duration.ofSeconds(30), Duration.ofMillis(100),
                Duration.ofSeconds(2), Clock.systemUTC(), Pause.SLEEP);

        Retries withBudget(Duration budget) {
            return new Retries(budget, initialBackoff, maxBackoff, clock, pause);
        }

        /** The wait after try {@code attempt} (from 1) failed. */
        Duration backoff(int attempt) {
            Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 30));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** Waits between tries. */
    @FunctionalInterface
    interface Pause {

        /** Sleeps, in slices, until {@code wait} has passed or {@code cancelled} says so. */
        Pause SLEEP = (wait, cancelled) -> {
            long end = System.nanoTime() + wait.toNanos();
            for (long left = wait.toNanos(); left > 0 && !cancelled.getAsBoolean(); left = end - System.nanoTime()) {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        };

        void pause(Duration wait, BooleanSupplier cancelled) throws InterruptedException;
    }

    private final Wire wire;
    private final TestUpstreamClient host;
    private final BooleanSupplier cancelled;
    private final LongConsumer afterRequest;
    private final AtomicLong requests = new AtomicLong();

    /** @param lockout how long the upstream refuses every call after a 429, zero when it declares nothing */
    TestUpstreamClient(double requestsPerSecond, Duration lockout, Retries retries) {
        this(new Wire(requestsPerSecond, lockout, retries), null, () -> false, count -> { });
    }

    private TestUpstreamClient(Wire wire, TestUpstreamClient host, BooleanSupplier cancelled,
                               LongConsumer afterRequest) {
        this.wire = wire;
        this.host = host;
        this.cancelled = cancelled;
        this.afterRequest = afterRequest;
    }

    /**
     * A view of this client for one read: same connection, rate limit and retries, its own count of requests,
     * {@code afterRequest} told that count once each request is answered (or failed), and waits that end with
     * {@link ReadCancelledException} once {@code cancelled} says so.
     */
    TestUpstreamClient forRead(BooleanSupplier cancelled, LongConsumer afterRequest) {
        return new TestUpstreamClient(wire, this, cancelled, afterRequest);
    }

    /** Requests sent so far: retries count, each as one request. */
    public long requests() {
        return requests.get();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler)
            throws IOException, InterruptedException {
        return call(request, bodyHandler, response -> response, true);
    }

    @Override
    public <T> T fetch(HttpRequest request, ResponseReader<T> reader) throws IOException, InterruptedException {
        return call(request, HttpResponse.BodyHandlers.ofString(), reader::read, false);
    }

    private interface Reading<B, T> {
        T read(HttpResponse<B> response) throws IOException;
    }

    /** One call: its tries until a usable answer, or until its budget is spent. */
    private <B, T> T call(HttpRequest request, HttpResponse.BodyHandler<B> bodyHandler, Reading<B, T> reading,
                          boolean lastAnswerWins) throws IOException, InterruptedException {
        Retries retries = wire.retries;
        Instant started = retries.clock().instant();
        Instant deadline = started.plus(retries.budget());
        String what = request.method() + " " + request.uri().getPath();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<B> response;
            IOException failure;
            try {
                response = attempt(request, bodyHandler);
                failure = null;
            } catch (IOException transport) {
                response = null;
                failure = transport;
            }
            if (response != null) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    Optional<Duration> asked = retryAfter(response);
                    Duration wait = asked.orElse(status == 429 && !wire.lockout.isZero() ? wire.lockout
                            : retries.backoff(attempt));
                    String problem = "HTTP " + status + (asked.isPresent() ? " with Retry-After " + asked.get() : "");
                    if (!fits(wait, deadline)) {
                        if (lastAnswerWins) {
                            return reading.read(response);
                        }
                        throw gaveUp(what, attempt, started, problem + ", a wait beyond the budget", null);
                    }
                    pause(wait);
                    continue;
                }
                try {
                    return reading.read(response);
                } catch (IOException unreadable) {
                    failure = unreadable;
                }
            }
            Duration wait = retries.backoff(attempt);
            if (!fits(wait, deadline)) {
                throw gaveUp(what, attempt, started, failure.toString(), failure);
            }
            pause(wait);
        }
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

    private void pause(Duration wait) throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            throw new ReadCancelledException();
        }
        wire.retries.pause().pause(wait, cancelled);
        if (cancelled.getAsBoolean()) {
            throw new ReadCancelledException();
        }
    }

    private boolean fits(Duration wait, Instant deadline) {
        return !wire.retries.clock().instant().plus(wait).isAfter(deadline);
    }

    /** The wait an answer asks for in its {@code Retry-After} header (seconds or an HTTP date), if any. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::trim).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration wait = Duration.between(wire.retries.clock().instant(), at);
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        });
    }

    private IOException gaveUp(String what, int attempts, Instant started, String lastProblem, Throwable cause) {
        return new IOException(what + " got no usable answer in " + attempts + (attempts == 1 ? " try" : " tries")
                + " over " + Duration.between(started, wire.retries.clock().instant()).toMillis() + " ms; last: "
                + lastProblem + ". The retry budget (" + wire.retries.budget() + ") is spent", cause);
    }

    /** The connection, the rate limit and the retries, shared by a host's client and its views. */
    private static final class Wire {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final int permits;
        private final long windowNanos;
        private final Deque<Long> answers = new ArrayDeque<>();
        private final Duration lockout;
        private final Retries retries;

        Wire(double requestsPerSecond, Duration lockout, Retries retries) {
            this.permits = (int) Math.max(1, Math.floor(requestsPerSecond));
            this.windowNanos = (long) (permits / requestsPerSecond * 1.05e9) + 5_000_000;
            this.lockout = lockout;
            this.retries = retries;
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
