package io.inflow.server.jobs;

import io.inflow.server.connections.Connection;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's least interval between the starts of two runs, to spare a paid or scarce upstream quota. An
 * admin may force a run inside it; automatic triggers wait for the next chance.
 */
final class Cooldown {

    private final ImportRunDao runs;
    private final Clock clock;

    Cooldown(ImportRunDao runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** How long until the connection may run again; empty when it may now. */
    Optional<Duration> remaining(Connection connection) {
        Duration cooldown = connection.jobs().cooldown();
        if (cooldown.isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return runs.latest(connection.id())
                .map(RunRow::createdAt)
                .map(last -> Duration.between(now, last.plus(cooldown)))
                .filter(left -> left.compareTo(Duration.ZERO) > 0);
    }

    /** The run whose start the cooldown counts from: the connection's latest. */
    Optional<Long> startedBy(Connection connection) {
        return runs.latest(connection.id()).map(RunRow::id);
    }

    /** @throws InflowException TOO_MANY_REQUESTS with {@code retryAfterSeconds} inside the cooldown */
    void check(Connection connection) {
        remaining(connection).ifPresent(left -> {
            long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
            throw new InflowException(InflowException.Kind.TOO_MANY_REQUESTS, "cooldown",
                    "connection " + connection.id() + " may import again in " + seconds + " s (cooldown "
                            + connection.jobs().cooldown().toSeconds() + " s); an admin can pass force=true",
                    Map.of("retryAfterSeconds", seconds));
        });
    }
}
