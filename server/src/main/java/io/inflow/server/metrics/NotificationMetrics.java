package io.inflow.server.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Notification delivery attempts on this node, by outcome: {@code delivered}, {@code retried} (failed, tried again
 * later), {@code failed} (failed for good: a permanent answer, or its retries ran out).
 */
public final class NotificationMetrics {

    private final CounterDataPoint delivered;
    private final CounterDataPoint retried;
    private final CounterDataPoint failed;

    public NotificationMetrics(PrometheusRegistry registry) {
        Counter attempts = Counter.builder()
                .name("inflow_notifications_total")
                .help("Notification delivery attempts on this node, by outcome: delivered, retried (to be tried "
                        + "again), failed (for good)")
                .labelNames("outcome")
                .register(registry);
        delivered = attempts.labelValues("delivered");
        retried = attempts.labelValues("retried");
        failed = attempts.labelValues("failed");
    }

    public void delivered() {
        delivered.inc();
    }

    public void retried() {
        retried.inc();
    }

    public void failed() {
        failed.inc();
    }
}
