package io.inflow.server.resilience;

import io.github.resilience4j.core.IntervalFunction;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When to try a call again: after exponential backoff with jitter (resilience4j's interval function), or after the
 * upstream's own {@code Retry-After}, for as long as the call is within its budget: a call that has had no usable
 * answer for {@code budget} gives up, however many tries that took.
 */
final class RetryPolicy {

    private final Duration budget;
    private final IntervalFunction backoff;
    private final Clock clock;

    RetryPolicy(Duration budget, Duration initialBackoff, Duration maxBackoff, Clock clock) {
        this.budget = budget;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, maxBackoff);
        this.clock = clock;
    }

    static RetryPolicy of(UpstreamConfiguration config, Clock clock) {
        return new RetryPolicy(config.retryBudget(), config.initialBackoff(), config.maxBackoff(), clock);
    }

    /** This policy with a shorter budget, when {@code budget} is shorter than its own. */
    RetryPolicy atMost(Duration shorter) {
        return shorter.compareTo(budget) >= 0 ? this : new RetryPolicy(shorter, backoff, clock);
    }

    private RetryPolicy(Duration budget, IntervalFunction backoff, Clock clock) {
        this.budget = budget;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** How long a call may go without a usable answer before it gives up. */
    Duration budget() {
        return budget;
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (from 1) failed. */
    Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }

    /** The wait an answer asks for in its {@code Retry-After} header (seconds or an HTTP date), if any. */
    Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(this::parse);
    }

    private Optional<Duration> parse(String value) {
        String trimmed = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
