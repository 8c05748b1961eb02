package io.inflow.server.resilience;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import java.util.concurrent.TimeUnit;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * How Inflow talks to upstream APIs: timeouts, retries, circuit breakers, quotas and the rate limiter's margin.
 * {@code maxAttempts} and {@code maxRetryAfter}, which bounded retries by count before {@code retryBudget} bounded
 * them by time, are still accepted in a configuration file and ignored.
 */
@JsonIgnoreProperties({"maxAttempts", "maxRetryAfter"})
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

    /**
     * How long a call may go without a usable answer (429s, 5xx, broken connections, lock-outs, an open breaker)
     * before it gives up and its run fails; retries within it are bounded by time, not count.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration retryBudget = Duration.minutes(5);

    /** The first backoff; each next one doubles, with ±50% jitter, up to {@link #maxBackoff}. */
    @NotNull
    @JsonProperty
    private Duration initialBackoff = Duration.milliseconds(500);

    @NotNull
    @JsonProperty
    private Duration maxBackoff = Duration.seconds(30);

    /** Share of failed calls, over the last 20, that opens a connection's circuit breaker. */
    @Min(1)
    @Max(100)
    @JsonProperty
    private int breakerFailureRatePercent = 50;

    /** How long an open breaker refuses calls before letting a few through to test the upstream. */
    @NotNull
    @JsonProperty
    private Duration breakerOpenFor = Duration.seconds(30);

    /** The quota window: a UTC day. Tests shorten it. */
    @NotNull
    @JsonProperty
    private Duration quotaWindow = Duration.days(1);

    public java.time.Duration connectTimeout() {
        return connectTimeout.toJavaDuration();
    }

    public java.time.Duration readTimeout() {
        return readTimeout.toJavaDuration();
    }

    public double rateLimitMargin() {
        return rateLimitMargin;
    }

    public java.time.Duration retryBudget() {
        return retryBudget.toJavaDuration();
    }

    public java.time.Duration initialBackoff() {
        return initialBackoff.toJavaDuration();
    }

    public java.time.Duration maxBackoff() {
        return maxBackoff.toJavaDuration();
    }

    public int breakerFailureRatePercent() {
        return breakerFailureRatePercent;
    }

    public java.time.Duration breakerOpenFor() {
        return breakerOpenFor.toJavaDuration();
    }

    public java.time.Duration quotaWindow() {
        return quotaWindow.toJavaDuration();
    }
}
