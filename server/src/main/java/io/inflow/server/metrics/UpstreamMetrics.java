package io.inflow.server.metrics;

import io.inflow.server.resilience.UpstreamCallMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * The calls this node makes to upstream APIs, as Prometheus series: every attempt (retries too) by answer code,
 * how long the answers took, and the time spent waiting for the rate limiter before calling.
 */
public final class UpstreamMetrics implements UpstreamCallMetrics {

    /** What a call that got no answer counts as: it timed out, or the connection failed otherwise. */
    static final String TIMEOUT = "timeout";
    static final String IO_ERROR = "io_error";

    /** From 10 ms to a minute, the default read timeout. */
    static final double[] REQUEST_DURATION_BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter rateLimitWait;

    public UpstreamMetrics(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("inflow_upstream_requests_total")
                .help("Requests sent to upstream APIs, retries included, by HTTP status code, or timeout or io_error "
                        + "for those that got no answer")
                .labelNames("connection", "code")
                .register(registry);
        requestDuration = Histogram.builder()
                .name("inflow_upstream_request_duration_seconds")
                .help("How long upstream requests took until their answer or failure, rate-limit waits excluded")
                .unit(Unit.SECONDS)
                .labelNames("connection")
                .classicOnly()
                .classicUpperBounds(REQUEST_DURATION_BUCKETS)
                .register(registry);
        rateLimitWait = Counter.builder()
                .name("inflow_ratelimit_wait_seconds_total")
                .help("Time calls spent waiting for their rate limiter before they were sent")
                .unit(Unit.SECONDS)
                .labelNames("connection")
                .register(registry);
    }

    @Override
    public void answered(String connection, int statusCode, long nanos) {
        count(connection, Integer.toString(statusCode), nanos);
    }

    @Override
    public void failed(String connection, IOException failure, long nanos) {
        count(connection, code(failure), nanos);
    }

    @Override
    public void waitedForRateLimit(String connection, long nanos) {
        rateLimitWait.labelValues(connection).inc(nanos / 1e9);
    }

    static String code(IOException failure) {
        return failure instanceof HttpTimeoutException ? TIMEOUT : IO_ERROR;
    }

    private void count(String connection, String code, long nanos) {
        requests.labelValues(connection, code).inc();
        requestDuration.labelValues(connection).observe(nanos / 1e9);
    }
}
