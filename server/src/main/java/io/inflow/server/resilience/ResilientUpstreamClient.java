package io.inflow.server.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.inflow.api.ResponseReader;
import io.inflow.api.UpstreamClient;
import io.inflow.server.metrics.UpstreamMetrics;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@link UpstreamClient} a connector gets. For each attempt of a call, in this order: the daily quota is
 * counted, the rate limiter waits, the circuit breaker must be closed (or testing), then the JDK client sends
 * with the configured timeouts. 429, 5xx, timeouts, broken connections and unreadable answers are retried
 * after a backoff or the upstream's {@code Retry-After}; every retry goes through the quota and the rate limiter
 * again, so retries never break a limit. 5xx and transport failures count against the breaker; 429 does not
 * (the upstream is alive, only busy). Every attempt that is sent is counted in the {@link UpstreamMetrics}.
 */
final class ResilientUpstreamClient implements UpstreamClient {

    private final HttpClient http;
    private final SlidingWindowRateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Optional<QuotaGate> quota;
    private final RetryPolicy retry;
    private final Duration readTimeout;
    private final String label;
    private final UpstreamMetrics metrics;
    private final String connectionName;

    /**
     * @param label how messages name the connection
     * @param connectionName the connection's name, as the metrics label it
     */
    ResilientUpstreamClient(HttpClient http, SlidingWindowRateLimiter limiter, CircuitBreaker breaker,
                            Optional<QuotaGate> quota, RetryPolicy retry, Duration readTimeout, String label,
                            UpstreamMetrics metrics, String connectionName) {
        this.http = http;
        this.limiter = limiter;
        this.breaker = breaker;
        this.quota = quota;
        this.retry = retry;
        this.readTimeout = readTimeout;
        this.label = label;
        this.metrics = metrics;
        this.connectionName = connectionName;
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

    private <B, T> T call(HttpRequest request, HttpResponse.BodyHandler<B> bodyHandler, Reading<B, T> reading,
                          boolean lastAnswerWins) throws IOException, InterruptedException {
        HttpRequest bounded = request.timeout().isPresent() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).timeout(readTimeout).build();
        String what = request.method() + " " + request.uri().getPath();
        String lastProblem = null;
        for (int attempt = 1; ; attempt++) {
            if (!breaker.tryAcquirePermission()) {
                throw new IOException("the circuit breaker of " + label + " is open: the upstream failed "
                        + Math.round(breaker.getMetrics().getFailureRate()) + "% of the last calls"
                        + (lastProblem == null ? "" : " (last: " + lastProblem + ")")
                        + "; it lets calls through again after a pause");
            }
            Sent<B> sent = attempt(bounded, bodyHandler);
            IOException failure = sent.failure();
            if (failure == null) {
                HttpResponse<B> response = sent.response();
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    if (status == 429) {
                        breaker.releasePermission();
                    } else {
                        breaker.onError(sent.nanos(), TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
                    }
                    lastProblem = "HTTP " + status;
                    if (attempt >= retry.maxAttempts()) {
                        if (lastAnswerWins) {
                            return reading.read(response);
                        }
                        throw gaveUp(what, attempt, lastProblem, null);
                    }
                    TimeUnit.MILLISECONDS.sleep(retryWait(response, attempt).toMillis());
                    continue;
                }
                try {
                    T value = reading.read(response);
                    breaker.onSuccess(sent.nanos(), TimeUnit.NANOSECONDS);
                    return value;
                } catch (IOException unreadable) {
                    failure = unreadable;
                } catch (RuntimeException answered) {
                    // the upstream answered (a 401, a bad request): it is alive
                    breaker.onSuccess(sent.nanos(), TimeUnit.NANOSECONDS);
                    throw answered;
                }
            }
            breaker.onError(sent.nanos(), TimeUnit.NANOSECONDS, failure);
            lastProblem = describe(failure);
            if (attempt >= retry.maxAttempts()) {
                throw gaveUp(what, attempt, lastProblem, failure);
            }
            TimeUnit.MILLISECONDS.sleep(retry.backoff(attempt).toMillis());
        }
    }

    /** One attempt's answer, or how it failed, and how long it took. */
    private record Sent<B>(HttpResponse<B> response, IOException failure, long nanos) {
    }

    /**
     * Counts the call against the quota, waits for the rate limiter, and sends. The limiter's permit is released
     * when the answer is in (or the call failed), the moment after which the call has certainly arrived.
     */
    private <B> Sent<B> attempt(HttpRequest request, HttpResponse.BodyHandler<B> bodyHandler) throws InterruptedException {
        try {
            quota.ifPresent(QuotaGate::consume);
        } catch (RuntimeException spent) {
            breaker.releasePermission();
            throw spent;
        }
        SlidingWindowRateLimiter.Permit permit;
        long waitStarted = System.nanoTime();
        try {
            permit = limiter.acquire();
        } catch (InterruptedException interrupted) {
            breaker.releasePermission();
            throw interrupted;
        } finally {
            metrics.waitedForRateLimit(connectionName, System.nanoTime() - waitStarted);
        }
        long started = System.nanoTime();
        try (permit) {
            HttpResponse<B> response = http.send(request, bodyHandler);
            long nanos = System.nanoTime() - started;
            metrics.answered(connectionName, response.statusCode(), nanos);
            return new Sent<>(response, null, nanos);
        } catch (IOException failure) {
            long nanos = System.nanoTime() - started;
            metrics.failed(connectionName, failure, nanos);
            return new Sent<>(null, failure, nanos);
        } catch (InterruptedException interrupted) {
            breaker.releasePermission();
            throw interrupted;
        }
    }

    private Duration retryWait(HttpResponse<?> response, int attempt) throws IOException {
        try {
            return retry.retryAfter(response).orElseGet(() -> retry.backoff(attempt));
        } catch (RetryPolicy.RetryAfterTooLongException tooLong) {
            throw new IOException(label + ": " + tooLong.getMessage() + ", longer than Inflow waits within a run; "
                    + "resume the import later");
        }
    }

    private IOException gaveUp(String what, int attempts, String lastProblem, Throwable cause) {
        return new IOException(label + ": " + what + " failed " + attempts + " times; last: " + lastProblem, cause);
    }

    private static String describe(IOException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
