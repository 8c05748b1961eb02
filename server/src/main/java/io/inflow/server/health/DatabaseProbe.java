package io.inflow.server.health;

import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.RecordCount;
import java.time.Instant;
import java.util.List;

/**
 * Asks the database a cheap question on every call, timing its answer: the health endpoint's proof that it answers.
 * The records it holds come from a {@link RecordCountCache}, counted at most once per period.
 */
public final class DatabaseProbe {

    private final RecordCountCache recordCounts;
    private final DeadLetterDao deadLetters;

    public DatabaseProbe(RecordCountCache recordCounts, DeadLetterDao deadLetters) {
        this.recordCounts = recordCounts;
        this.deadLetters = deadLetters;
    }

    /**
     * What the database answered.
     *
     * @param latencyMs how long counting the open dead letters took: this call's question to the database
     * @param records the records of each connection's streams, as counted at {@code countedAt}
     */
    public record Answer(long latencyMs, List<RecordCount> records, Instant countedAt, long openDeadLetters) {
    }

    /** @throws RuntimeException when the database does not answer */
    public Answer probe() {
        long started = System.nanoTime();
        long openDeadLetters = deadLetters.openCount();
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        RecordCountCache.Counted counted = recordCounts.current();
        return new Answer(latencyMs, counted.counts(), counted.countedAt(), openDeadLetters);
    }
}
