package io.inflow.server.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.inflow.api.ResponseReader;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@link UpstreamClient} a connector gets. For each request that goes on the wire, first tries, retries and
 * redirects alike: the circuit breaker must let it through (while it is open, the call waits), the daily quota
 * counts it, the scope's {@link SharedRateLimiter} gives it a permit, then the {@link UpstreamTransport} sends it,
 * once.
 *
 * <p>A 429 holds the whole scope, on every node: for the upstream's {@code Retry-After}, else for the lock-out the
 * connector declares ({@link io.inflow.api.Limits#lockout()}), else for a backoff. 5xx answers, transport failures
 * and answers the connector cannot read are tried again after a backoff with jitter (or the {@code Retry-After}).
 * A call gives up when it has had no usable answer for the retry budget; a wait that would end beyond it gives up
 * at once. Waits of a second or more are reported to the run ({@link UpstreamWaits}); a cancelled run stops waiting.
 * 5xx and transport failures count against the breaker; 429 does not (the upstream is alive, only busy). Every
 * request sent is counted in the {@link UpstreamCallMetrics}.
 */
final class ResilientUpstreamClient implements UpstreamClient {

    private static final int MAX_REDIRECTS = 5;

    private final UpstreamTransport transport;
    private final SharedRateLimiter limiter;
    private final CircuitBreaker breaker;
    private final Supplier<String> breakersLastFailure;
    private final Optional<QuotaGate> quota;
    private final RetryPolicy retry;
    private final Duration lockout;
    private final Duration readTimeout;
    private final String label;
    private final UpstreamCallMetrics metrics;
    private final String connectionName;
    private final Pauses pauses;
    private final Clock clock;

    /**
     * @param breakersLastFailure what the breaker last counted as a failure, in words (null when nothing): an open
     *                            breaker says why, even to a call that has not failed itself
     * @param lockout the upstream's lock-out after a call over its limit, zero when it declares none
     * @param label how messages name the connection
     * @param connectionName the connection's name, as the metrics label it
     */
    ResilientUpstreamClient(UpstreamTransport transport, SharedRateLimiter limiter, CircuitBreaker breaker,
                            Supplier<String> breakersLastFailure, Optional<QuotaGate> quota, RetryPolicy retry, Duration lockout, Duration readTimeout,
                            String label, UpstreamCallMetrics metrics, String connectionName, UpstreamWaits waits,
                            Clock clock) {
        this.transport = transport;
        this.limiter = limiter;
        this.breaker = breaker;
        this.breakersLastFailure = breakersLastFailure;
        this.quota = quota;
        this.retry = retry;
        this.lockout = lockout;
        this.readTimeout = readTimeout;
        this.label = label;
        this.metrics = metrics;
        this.connectionName = connectionName;
        this.pauses = new Pauses(waits, clock);
        this.clock = clock;
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
        Duration timeout = request.timeout().orElse(readTimeout);
        Instant started = clock.instant();
        Instant deadline = started.plus(retry.budget());
        String what = request.method() + " " + request.uri().getPath();
        HttpRequest current = request;
        String lastProblem = null;
        int redirects = 0;
        for (int attempt = 1; ; attempt++) {
            awaitBreaker(deadline, what, attempt, lastProblem);
            Sent<B> sent;
            try {
                sent = attempt(current, bodyHandler, timeout, deadline, what, attempt, lastProblem);
            } catch (LimitsUnavailableException noPermit) {
                // nothing was sent: the upstream is not to blame, and the breaker does not hear of it
                lastProblem = noPermit.getMessage();
                Duration wait = retry.backoff(attempt);
                if (!fitsBudget(wait, deadline)) {
                    throw gaveUp(what, attempt, started, lastProblem, noPermit);
                }
                pauses.pause(wait, label + ": " + lastProblem + "; trying again");
                continue;
            }
            IOException failure = sent.failure();
            if (failure == null) {
                HttpResponse<B> response = sent.response();
                int status = response.statusCode();
                Optional<HttpRequest> redirect = Redirects.follow(current, response);
                if (redirect.isPresent() && redirects < MAX_REDIRECTS) {
                    breaker.onSuccess(sent.nanos(), TimeUnit.NANOSECONDS);
                    current = redirect.get();
                    redirects++;
                    continue;
                }
                if (status == 429) {
                    breaker.releasePermission();
                    lastProblem = "HTTP 429 (over the upstream's rate limit)";
                    Optional<Duration> asked = retry.retryAfter(response);
                    Duration hold = asked.orElse(lockout.isZero() ? retry.backoff(attempt) : lockout);
                    if (!fitsBudget(hold, deadline)) {
                        return giveUp(response, reading, lastAnswerWins, what, attempt, started, lastProblem
                                + beyondBudget(hold, asked.isPresent() ? "Retry-After" : "lock-out"), null);
                    }
                    String why = label + ": " + NoAnswer.hostAndPort(current.uri()) + " answered 429"
                            + (asked.isPresent() ? " with Retry-After " + seconds(hold)
                            : lockout.isZero() ? "; backing off " + seconds(hold)
                            : "; it refuses every call for " + seconds(hold) + " (its lock-out)")
                            + "; every call to " + limiter.scope() + " waits";
                    try {
                        // every call of the scope, on every node, waits; this one in the limiter, like the others
                        limiter.hold(hold, why);
                    } catch (LimitsUnavailableException unheld) {
                        pauses.pause(hold, why);
                    }
                    continue;
                }
                if (status >= 500) {
                    breaker.onError(sent.nanos(), TimeUnit.NANOSECONDS, new IOException("HTTP " + status));
                    lastProblem = "HTTP " + status;
                    Optional<Duration> asked = retry.retryAfter(response);
                    Duration wait = asked.orElse(retry.backoff(attempt));
                    if (!fitsBudget(wait, deadline)) {
                        return giveUp(response, reading, lastAnswerWins, what, attempt, started, lastProblem
                                + (asked.isPresent() ? beyondBudget(wait, "Retry-After") : ""), null);
                    }
                    pauses.pause(wait, label + ": " + what + " answered HTTP " + status + "; trying again");
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
            lastProblem = failure.getMessage();
            Duration wait = retry.backoff(attempt);
            if (!fitsBudget(wait, deadline)) {
                throw gaveUp(what, attempt, started, lastProblem, failure);
            }
            pauses.pause(wait, label + ": " + what + " failed (" + lastProblem + "); trying again");
        }
    }

    /** Waits while the breaker refuses calls: it lets a few through again once it has been open a while. */
    private void awaitBreaker(Instant deadline, String what, int attempt, String lastProblem)
            throws IOException, InterruptedException {
        while (!breaker.tryAcquirePermission()) {
            Duration openFor = Duration.ofMillis(breaker.getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState().apply(1));
            Duration left = Duration.between(clock.instant(), deadline);
            String last = lastProblem != null ? lastProblem : breakersLastFailure.get();
            String why = "the circuit breaker of " + label + " is open: the upstream failed "
                    + Math.round(breaker.getMetrics().getFailureRate()) + "% of the last calls"
                    + (last == null ? "" : " (last: " + last + ")");
            if (left.isNegative() || left.isZero()) {
                throw new IOException(label + ": " + what + ": " + why + "; gave up after " + (attempt - 1)
                        + " tries, the retry budget (upstream.retryBudget, " + seconds(retry.budget())
                        + ") is spent; resume the import once the upstream is back");
            }
            // it opened at most openFor ago: by then it lets calls through again, or the budget is spent
            pauses.pause(openFor.compareTo(left) < 0 ? openFor : left,
                    why + "; it lets calls through again after a pause");
        }
    }

    /** One try's answer, or how it failed, and how long it took. */
    private record Sent<B>(HttpResponse<B> response, IOException failure, long nanos) {
    }

    /**
     * Counts the try against the quota, waits for a permit of the scope's rate limit, and sends. The permit is given
     * back when the answer is in (or the try failed), the moment after which the request has certainly arrived.
     */
    private <B> Sent<B> attempt(HttpRequest request, HttpResponse.BodyHandler<B> bodyHandler, Duration timeout,
                                Instant deadline, String what, int attempt, String lastProblem)
            throws IOException, InterruptedException {
        SharedRateLimiter.Permit permit;
        long waitStarted = System.nanoTime();
        try {
            if (quota.isPresent()) {
                quota.get().consume();
            }
            permit = limiter.acquire(pauses, deadline, () -> new IOException(label + ": " + what
                    + " waited for the rate limit of " + limiter.scope() + " beyond the retry budget "
                    + "(upstream.retryBudget, " + seconds(retry.budget()) + ") after " + (attempt - 1) + " tries"
                    + (lastProblem == null ? "" : "; last: " + lastProblem) + "; resume the import later"));
        } catch (IOException | InterruptedException | RuntimeException notSent) {
            breaker.releasePermission();
            throw notSent;
        } finally {
            metrics.waitedForRateLimit(connectionName, System.nanoTime() - waitStarted);
        }
        long sendStarted = System.nanoTime();
        try (permit) {
            HttpResponse<B> response = transport.send(request, bodyHandler, timeout);
            long nanos = System.nanoTime() - sendStarted;
            metrics.answered(connectionName, response.statusCode(), nanos);
            return new Sent<>(response, null, nanos);
        } catch (IOException failure) {
            long nanos = System.nanoTime() - sendStarted;
            metrics.failed(connectionName, failure, nanos);
            return new Sent<>(null, failure, nanos);
        } catch (InterruptedException | RuntimeException interrupted) {
            breaker.releasePermission();
            throw interrupted;
        }
    }

    private boolean fitsBudget(Duration wait, Instant deadline) {
        return !clock.instant().plus(wait).isAfter(deadline);
    }

    private <B, T> T giveUp(HttpResponse<B> lastAnswer, Reading<B, T> reading, boolean lastAnswerWins, String what,
                            int attempts, Instant started, String lastProblem, Throwable cause) throws IOException {
        if (lastAnswerWins) {
            return reading.read(lastAnswer);
        }
        throw gaveUp(what, attempts, started, lastProblem, cause);
    }

    private IOException gaveUp(String what, int attempts, Instant started, String lastProblem, Throwable cause) {
        return new IOException(label + ": " + what + " got no usable answer in " + attempts
                + (attempts == 1 ? " try" : " tries") + " over " + seconds(Duration.between(started, clock.instant()))
                + "; last: " + lastProblem + ". The retry budget (upstream.retryBudget, " + seconds(retry.budget())
                + ") is spent; resume the import once the upstream is back", cause);
    }

    private String beyondBudget(Duration wait, String what) {
        return "; its " + what + " of " + seconds(wait) + " ends beyond the retry budget (upstream.retryBudget, "
                + seconds(retry.budget()) + ")";
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds < 120 ? seconds + " s" : (seconds / 60) + " min " + (seconds % 60) + " s";
    }
}
