package io.inflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The waits between a delivery's attempts. */
class DeliveryBackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(2);

    @Test
    void eachWaitDoublesTheLastBetweenHalfAndAllOfItsCeiling() {
        DeliveryBackoff lowest = new DeliveryBackoff(INITIAL, MAX, () -> 0.0);
        DeliveryBackoff highest = new DeliveryBackoff(INITIAL, MAX, () -> 0.999_999);

        assertThat(lowest.next(1, Optional.empty())).isEqualTo(Duration.ofSeconds(15));
        assertThat(highest.next(1, Optional.empty())).isBetween(Duration.ofMillis(29_999), INITIAL);
        assertThat(lowest.next(2, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(lowest.next(3, Optional.empty())).isEqualTo(Duration.ofSeconds(60));
        assertThat(highest.next(4, Optional.empty())).isBetween(Duration.ofMillis(239_999), Duration.ofMinutes(4));
    }

    @Test
    void theWaitStopsGrowingAtTheLargestEvenAfterManyAttempts() {
        DeliveryBackoff highest = new DeliveryBackoff(INITIAL, MAX, () -> 0.999_999);

        assertThat(highest.next(12, Optional.empty())).isLessThanOrEqualTo(MAX).isGreaterThan(Duration.ofMinutes(119));
        assertThat(highest.next(1_000, Optional.empty())).isLessThanOrEqualTo(MAX);
    }

    @Test
    void jitterSpreadsTheRetriesOfOneOutage() {
        java.util.Random random = new java.util.Random(42);
        DeliveryBackoff backoff = new DeliveryBackoff(INITIAL, MAX, random::nextDouble);

        java.util.Set<Duration> waits = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            waits.add(backoff.next(3, Optional.empty()));
        }
        assertThat(waits).hasSizeGreaterThan(15)
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120)));
    }

    @Test
    void aRetryAfterTheTargetSentWins() {
        DeliveryBackoff backoff = new DeliveryBackoff(INITIAL, MAX, () -> 0.5);

        assertThat(backoff.next(1, Optional.of(Duration.ofSeconds(120)))).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.next(9, Optional.of(Duration.ofSeconds(1)))).isEqualTo(Duration.ofSeconds(1));
    }
}
