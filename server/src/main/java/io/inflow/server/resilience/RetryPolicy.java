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
 * When to try a call again: exponential backoff with jitter (resilience4j's interval function), or the upstream's
 * own {@code Retry-After} when it sends one, within a bounded number of attempts. The longest a call can take
 * is therefore bounded by {@code maxAttempts} times the larger of {@code maxBackoff} and {@code maxRetryAfter}.
 */
final class RetryPolicy {

    private final int maxAttempts;
    private final IntervalFunction backoff;
    private final Duration maxRetryAfter;
    private final Clock clock;

    RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.5, maxBackoff);
        this.maxRetryAfter = maxRetryAfter;
        this.clock = clock;
    }

    static RetryPolicy of(UpstreamConfiguration config) {
        return new RetryPolicy(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                config.maxRetryAfter(), Clock.systemUTC());
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (from 1) failed. */
    Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }

    /**
     * The wait an answer asks for in its {@code Retry-After} header (seconds or an HTTP date), if any.
     *
     * @throws RetryAfterTooLongException when it asks for longer than this policy waits
     */
    Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<Duration> asked = response.headers().firstValue("Retry-After").flatMap(this::parse);
        if (asked.isPresent() && asked.get().compareTo(maxRetryAfter) > 0) {
            throw new RetryAfterTooLongException(asked.get());
        }
        return asked;
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

    /** The upstream asked for a pause longer than Inflow holds a worker for. */
    static final class RetryAfterTooLongException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Duration asked;

        RetryAfterTooLongException(Duration asked) {
            super("the upstream asked to retry after " + asked.toSeconds() + " s");
            this.asked = asked;
        }

        Duration asked() {
            return asked;
        }
    }
}
