package io.inflow.server.notifications;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The wait before a failed delivery's next attempt: exponential (the initial backoff doubled per attempt after the
 * first, up to the largest), with full jitter over its upper half so that the deliveries of one outage do not come
 * back all at once; or what the target asked for with {@code Retry-After}, which wins.
 */
public final class DeliveryBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random a source of numbers in [0, 1) */
    public DeliveryBackoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * @param attempts the attempts made so far, the failed one included (1 after the first)
     * @param retryAfter what the target's {@code Retry-After} asked for, if it did
     */
    public Duration next(int attempts, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        int doublings = Math.max(0, Math.min(attempts - 1, 40));
        double ceiling = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, doublings));
        return Duration.ofMillis(Math.round(ceiling / 2 + random.getAsDouble() * ceiling / 2));
    }
}
