package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.inflow.api.ConnectorException;
import io.inflow.api.UpstreamClient;
import io.inflow.server.metrics.Samples;
import io.inflow.server.metrics.UpstreamMetrics;
import io.inflow.server.resilience.ScriptedUpstream.Answer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

class ResilientUpstreamClientTest {

    private final CircuitBreaker breaker = CircuitBreaker.of("connection-1", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMinutes(1)).build());
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Samples samples = new Samples(registry);

    @Test
    void retriesServerErrorsUntilAnAnswerComes() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, ""), Answer.of(502, ""), Answer.of(200, "ok"))) {
            String body = client(6).fetch(get(upstream), response -> response.body());

            assertThat(body).isEqualTo("ok");
            assertThat(upstream.requests()).isEqualTo(3);
        }
    }

    @Test
    void everyAttemptIsCountedByItsAnswerCodeAndTimed() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, ""), Answer.of(503, ""),
                Answer.of(429, ""), Answer.of(200, "ok"))) {
            client(6).fetch(get(upstream), response -> response.body());

            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "503"))
                    .isEqualTo(2);
            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "429"))
                    .isEqualTo(1);
            assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "200"))
                    .isEqualTo(1);
            assertThat(samples.histogramCount("inflow_upstream_request_duration_seconds", "connection", "clinic"))
                    .isEqualTo(4);
            assertThat(samples.counter("inflow_ratelimit_wait_seconds_total", "connection", "clinic"))
                    .isGreaterThanOrEqualTo(0).isLessThan(1);
        }
    }

    @Test
    void theTimeCallsWaitForTheRateLimiterIsCounted() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(200, "a"), Answer.of(200, "b"))) {
            UpstreamClient onePerSecond = client(1, SlidingWindowRateLimiter.perSecond(1, 0));

            onePerSecond.fetch(get(upstream), response -> response.body());
            assertThat(samples.counter("inflow_ratelimit_wait_seconds_total", "connection", "clinic")).isLessThan(0.5);
            onePerSecond.fetch(get(upstream), response -> response.body());

            // the second call may start one window (1 s + 5 ms) after the first one's answer
            assertThat(samples.counter("inflow_ratelimit_wait_seconds_total", "connection", "clinic"))
                    .isGreaterThan(0.9).isLessThan(1.5);
        }
    }

    @Test
    void aCallThatGetsNoAnswerIsCountedAsAnIoError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + closedPort + "/")).GET().build();

        assertThatThrownBy(() -> client(2).fetch(request, response -> response.body())).isInstanceOf(IOException.class);

        assertThat(samples.counter("inflow_upstream_requests_total", "connection", "clinic", "code", "io_error"))
                .isEqualTo(2);
    }

    @Test
    void honoursRetryAfterOnA429() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(429, "", Map.of("Retry-After", "1")), Answer.of(200, "ok"))) {
            long started = System.nanoTime();

            client(6).fetch(get(upstream), response -> response.body());

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(upstream.requests()).isEqualTo(2);
        }
    }

    @Test
    void neverRetriesOtherClientErrors() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(401, "{}"))) {
            assertThatThrownBy(() -> client(6).fetch(get(upstream), response -> {
                throw new ConnectorException("refused: " + response.statusCode());
            })).isInstanceOf(ConnectorException.class).hasMessage("refused: 401");

            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    @Test
    void retriesAnAnswerItsReaderCannotRead() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(200, "{\"trunc"), Answer.of(200, "{}"))) {
            String body = client(6).fetch(get(upstream), response -> {
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
    void givesUpAfterItsAttemptsWithAMessageSayingWhat() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(500, ""))) {
            assertThatThrownBy(() -> client(3).fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("failed 3 times").hasMessageContaining("HTTP 500");

            assertThat(upstream.requests()).isEqualTo(3);
        }
    }

    @Test
    void sendAnswersTheLastResponseWhenRetriesRunOut() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(503, "down"))) {
            assertThat(client(2).send(get(upstream)).statusCode()).isEqualTo(503);
            assertThat(upstream.requests()).isEqualTo(2);
        }
    }

    @Test
    void anOpenBreakerRefusesCallsWithoutSendingThem() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(500, ""))) {
            UpstreamClient client = client(4);
            assertThatThrownBy(() -> client.fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(IOException.class);
            int sent = upstream.requests();

            assertThatThrownBy(() -> client.fetch(get(upstream), response -> response.body()))
                    .isInstanceOf(IOException.class).hasMessageContaining("circuit breaker");
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(upstream.requests()).isEqualTo(sent);
        }
    }

    private UpstreamClient client(int attempts) {
        return client(attempts, SlidingWindowRateLimiter.perSecond(1_000, 0));
    }

    private UpstreamClient client(int attempts, SlidingWindowRateLimiter limiter) {
        RetryPolicy retry = new RetryPolicy(attempts, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5),
                Clock.systemUTC());
        return new ResilientUpstreamClient(HttpClient.newHttpClient(), limiter,
                breaker, Optional.empty(), retry, Duration.ofSeconds(5), "connection 1", new UpstreamMetrics(registry),
                "clinic");
    }

    private static HttpRequest get(ScriptedUpstream upstream) {
        return HttpRequest.newBuilder(URI.create(upstream.url())).GET().build();
    }
}
