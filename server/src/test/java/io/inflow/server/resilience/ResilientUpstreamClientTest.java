package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.inflow.api.ConnectorException;
import io.inflow.api.ReadCancelledException;
import io.inflow.api.UpstreamClient;
import io.inflow.server.metrics.Samples;
import io.inflow.server.metrics.UpstreamMetrics;
import io.inflow.server.resilience.ScriptedUpstream.Answer;
import io.inflow.server.resilience.SharedRateLimiterTest.RecordedWaits;
import io.inflow.server.store.TestDatabase;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResilientUpstreamClientTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    /** A breaker that stays closed: the tests of retries must not meet it. */
    private final CircuitBreaker breaker = CircuitBreaker.of("connection-1", CircuitBreakerConfig.custom()
            .slidingWindowSize(1_000).minimumNumberOfCalls(1_000).build());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Samples samples = new Samples(registry);
    private final UpstreamMetrics metrics = new UpstreamMetrics(registry);
    private final JettyUpstreamTransport transport = new JettyUpstreamTransport(Duration.ofSeconds(2));
    private final RecordedWaits waits = new RecordedWaits();

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    @Test
    void retriesServerErrorsUntilAnAnswerComes() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, ""), Answer.of(502, ""), Answer.of(200, "ok"))) {
            String body = client().fetch(get(upstream), response -> response.body());

            assertThat(body).isEqualTo("ok");
            assertThat(upstream.requests()).isEqualTo(3);
        }
    }

    @Test
    void everyAttemptIsCountedByItsAnswerCodeAndTimed() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, ""), Answer.of(503, ""),
                Answer.of(429, ""), Answer.of(200, "ok"))) {
            client().fetch(get(upstream), response -> response.body());

            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "503"))
                    .isEqualTo(2);
            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "429"))
                    .isEqualTo(1);
            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "200"))
                    .isEqualTo(1);
            assertThat(samples.histogramCount("inflow_upstream_request_duration_seconds", "connection", "clinic"))
                    .isEqualTo(4);
        }
    }

    @Test
    void theTimeCallsWaitForTheRateLimiterIsCounted() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(200, "a"), Answer.of(200, "b"))) {
            UpstreamClient onePerSecond = client(limiter(RateLimit.perSecond(1, 0)), Duration.ZERO, budget(60));

            onePerSecond.fetch(get(upstream), response -> response.body());
            assertThat(samples.counter("inflow_ratelimit_wait_seconds_total", "connection", "clinic")).isLessThan(0.5);
            onePerSecond.fetch(get(upstream), response -> response.body());

            // the second call may start one window (1 s + 5 ms) after the first one's answer
            assertThat(samples.counter("inflow_ratelimit_wait_seconds_total", "connection", "clinic"))
                    .isGreaterThan(0.9).isLessThan(1.5);
        }
    }

    @Test
    void aCallThatGetsNoAnswerIsCountedAsAnIoErrorAndExplainedInWords() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + closedPort + "/")).GET().build();

        assertThatThrownBy(() -> client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ZERO, budget(1))
                .fetch(request, response -> response.body()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("connection 1: GET / got no usable answer in")
                .hasMessageContaining("last: localhost:" + closedPort + ": connection refused")
                .hasMessageContaining("upstream.retryBudget, 1 s")
                .hasMessageNotContaining("Exception");

        assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "io_error"))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void aDroppedConnectionIsTriedAgainThroughTheRateLimiterAndCountedOnce() throws Exception {
        try (SilentUpstream upstream = new SilentUpstream(SilentUpstream.Behaviour.CLOSE)) {
            RateLimit onePerSecond = RateLimit.perSecond(1, 0);
            long started = System.nanoTime();

            assertThatThrownBy(() -> client(limiter(onePerSecond), Duration.ZERO, budget(2))
                    .fetch(get(upstream.url()), response -> response.body()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("the connection was closed before a complete answer came");

            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            // every request that reached the upstream had its permit: one per second at most
            assertThat((long) upstream.requests()).isBetween(1L, seconds + 1);
        }
    }

    @Test
    void a429WithRetryAfterHoldsTheWholeScopeForThatLongOnEveryNode() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(429, "", Map.of("Retry-After", "2")), Answer.of(200, "ok"))) {
            UpstreamClient nodeA = client();
            UpstreamClient nodeB = client(new SharedRateLimiter("airtable:base", RateLimit.perSecond(1_000, 0),
                    Duration.ofSeconds(70), database.rateLimits(), "node-b"), Duration.ZERO, budget(60));

            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> fetch(nodeA, upstream));
            // node B calls once node A has had its 429 and holds the scope
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> database.jdbi().withHandle(
                    handle -> handle.createQuery("SELECT count(*) FROM rate_limit_scopes WHERE held_until IS NOT NULL")
                            .mapTo(Long.class).one()) == 1);
            String second = fetch(nodeB, upstream);

            assertThat(first.get()).isEqualTo("ok");
            assertThat(second).isEqualTo("ok");
            List<ScriptedUpstream.Received> received = upstream.received();
            assertThat(received).hasSize(3);
            long refusedAt = received.get(0).nanos();
            assertThat(received.get(1).nanos() - refusedAt).isGreaterThanOrEqualTo(2_000_000_000L);
            assertThat(received.get(2).nanos() - refusedAt).as("the other node's call waited for the hold too")
                    .isGreaterThanOrEqualTo(2_000_000_000L);
            assertThat(waits.reasons).anySatisfy(reason -> assertThat(reason)
                    .contains("answered 429 with Retry-After 2 s").contains("every call to airtable:base waits"));
        }
    }

    private static String fetch(UpstreamClient client, ScriptedUpstream upstream) {
        try {
            return client.fetch(get(upstream), response -> response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a429WithoutRetryAfterWaitsOutTheLockOutTheConnectorDeclares() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(429, ""), Answer.of(200, "ok"))) {
            UpstreamClient client = client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ofMillis(1_500), budget(60));

            client.fetch(get(upstream), response -> response.body());

            List<ScriptedUpstream.Received> received = upstream.received();
            assertThat(received.get(1).nanos() - received.get(0).nanos()).isGreaterThanOrEqualTo(1_500_000_000L);
            assertThat(waits.reasons).singleElement().asString()
                    .contains("answered 429; it refuses every call for 2 s (its lock-out)");
        }
    }

    @Test
    void aRetryAfterLongerThanTheBudgetGivesUpAtOnceAndSaysSo() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(new Answer(503, "", Map.of("Retry-After", "600")))) {
            long started = System.nanoTime();

            assertThatThrownBy(() -> client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ZERO, budget(60))
                    .fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("last: HTTP 503; its Retry-After of 10 min 0 s ends beyond the retry budget");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    @Test
    void longWaitsAreReportedToTheRunAndEndedAfter() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(503, "", Map.of("Retry-After", "1")), Answer.of(200, "ok"))) {
            client().fetch(get(upstream), response -> response.body());

            assertThat(waits.reasons).singleElement().asString()
                    .isEqualTo("connection 1: GET /records answered HTTP 503; trying again");
            assertThat(waits.overs).isEqualTo(1);
        }
    }

    @Test
    void aCancelledRunStopsItsCallWaiting() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(new Answer(503, "", Map.of("Retry-After", "30")))) {
            UpstreamClient client = client();
            CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                    .execute(() -> waits.stop.set(true));
            long started = System.nanoTime();

            assertThatThrownBy(() -> client.fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(ReadCancelledException.class);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
        }
    }

    @Test
    void neverRetriesOtherClientErrors() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(401, "{}"))) {
            assertThatThrownBy(() -> client().fetch(get(upstream), response -> {
                throw new ConnectorException("refused: " + response.statusCode());
            })).isInstanceOf(ConnectorException.class).hasMessage("refused: 401");

            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    @Test
    void retriesAnAnswerItsReaderCannotRead() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(200, "{\"trunc"), Answer.of(200, "{}"))) {
            String body = client().fetch(get(upstream), response -> {
                if (!response.body().endsWith("}")) {
                    throw new IOException("truncated");
                }
                return response.body();
            });

            assertThat(body).isEqualTo("{}");
            assertThat(upstream.requests()).isEqualTo(2);
        }
    }

    @Test
    void givesUpWhenItsBudgetIsSpentWithAMessageSayingWhat() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(500, ""))) {
            assertThatThrownBy(() -> client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ZERO, budget(1))
                    .fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("connection 1: GET /records got no usable answer in")
                    .hasMessageContaining("last: HTTP 500")
                    .hasMessageContaining("resume the import once the upstream is back");

            assertThat(upstream.requests()).isGreaterThan(2);
        }
    }

    @Test
    void sendAnswersTheLastResponseWhenTheBudgetIsSpent() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, "down"))) {
            assertThat(client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ZERO, budget(1))
                    .send(get(upstream)).statusCode()).isEqualTo(503);
            assertThat(upstream.requests()).isGreaterThan(1);
        }
    }

    @Test
    void anOpenBreakerHoldsCallsUntilItLetsSomeThroughAgain() throws Exception {
        CircuitBreaker quickBreaker = CircuitBreaker.of("connection-1", CircuitBreakerConfig.custom()
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMillis(1_200)).permittedNumberOfCallsInHalfOpenState(1).build());
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(500, ""), Answer.of(500, ""),
                Answer.of(500, ""), Answer.of(500, ""), Answer.of(200, "back"))) {
            UpstreamClient client = new ResilientUpstreamClient(transport, limiter(RateLimit.perSecond(1_000, 0)),
                    quickBreaker, () -> null, Optional.empty(), budget(60), Duration.ZERO, Duration.ofSeconds(5), "connection 1",
                    metrics, "clinic", waits, Clock.systemUTC());

            String body = client.fetch(get(upstream), response -> response.body());

            assertThat(body).isEqualTo("back");

            assertThat(upstream.requests()).isEqualTo(5);
            assertThat(waits.reasons).anySatisfy(reason -> assertThat(reason)
                    .startsWith("the circuit breaker of connection 1 is open: the upstream failed 100% of the last calls"));
        }
    }

    @Test
    void followsARedirectThroughTheRateLimiter() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(302, "", Map.of("Location", "/moved")), Answer.of(200, "here"))) {
            String body = client().fetch(get(upstream), response -> response.body());

            assertThat(body).isEqualTo("here");
            assertThat(upstream.received()).extracting(ScriptedUpstream.Received::path)
                    .containsExactly("/records", "/moved");
            long permits = database.jdbi().withHandle(handle -> handle.createQuery(
                    "SELECT count(*) FROM rate_limit_permits").mapTo(Long.class).one());
            assertThat(permits).as("one permit per request on the wire").isEqualTo(2);
        }
    }

    private UpstreamClient client() {
        return client(limiter(RateLimit.perSecond(1_000, 0)), Duration.ZERO, budget(60));
    }

    private UpstreamClient client(SharedRateLimiter limiter, Duration lockout, RetryPolicy retry) {
        return new ResilientUpstreamClient(transport, limiter, breaker, () -> null, Optional.empty(), retry, lockout,
                Duration.ofSeconds(5), "connection 1", metrics, "clinic", waits,
                Clock.systemUTC());
    }

    private SharedRateLimiter limiter(RateLimit limit) {
        return new SharedRateLimiter("airtable:base", limit, Duration.ofSeconds(70), database.rateLimits(),
                "node-a");
    }

    private static RetryPolicy budget(int seconds) {
        return new RetryPolicy(Duration.ofSeconds(seconds), Duration.ofMillis(5), Duration.ofMillis(20),
                Clock.systemUTC());
    }

    private static HttpRequest get(ScriptedUpstream upstream) {
        return get(upstream.url());
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }
}
