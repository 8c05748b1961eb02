package io.inflow.server.resilience;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** How Inflow talks to upstream APIs: timeouts and the rate limiter's safety margin. */
public class UpstreamConfiguration {

    @NotNull
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(10);

    @NotNull
    @JsonProperty
    private Duration readTimeout = Duration.seconds(60);

    /**
     * How much wider than one second each rate-limit window is kept, as a fraction: the upstream counts
     * arrivals, and arrivals jitter. 0.03 runs at 97% of the limit.
     */
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @JsonProperty
    private double rateLimitMargin = 0.03;

    public java.time.Duration connectTimeout() {
        return connectTimeout.toJavaDuration();
    }

    public java.time.Duration readTimeout() {
        return readTimeout.toJavaDuration();
    }

    public double rateLimitMargin() {
        return rateLimitMargin;
    }
}
