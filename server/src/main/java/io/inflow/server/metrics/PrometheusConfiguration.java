package io.inflow.server.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where Prometheus can scrape {@code /metrics}. The admin port always serves it; the application port only when
 * asked, for deployments that expose a single port.
 */
public class PrometheusConfiguration {

    @JsonProperty
    private boolean onApplicationPort = false;

    public boolean onApplicationPort() {
        return onApplicationPort;
    }
}
