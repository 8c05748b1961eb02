package io.inflow.server.health;

import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.RecordCount;
import io.inflow.server.store.RecordCountDao;
import java.util.List;

/** Asks the database what it holds, timing its first answer: the health endpoint's proof that it answers. */
public final class DatabaseProbe {

    private final RecordCountDao recordCounts;
    private final DeadLetterDao deadLetters;

    public DatabaseProbe(RecordCountDao recordCounts, DeadLetterDao deadLetters) {
        this.recordCounts = recordCounts;
        this.deadLetters = deadLetters;
    }

    /**
     * What the database answered.
     *
     * @param latencyMs how long counting the records took
     * @param records the records of each connection's streams
     */
    public record Answer(long latencyMs, List<RecordCount> records, long openDeadLetters) {
    }

    /** @throws RuntimeException when the database does not answer */
    public Answer probe() {
        long started = System.nanoTime();
        List<RecordCount> counts = recordCounts.all();
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        return new Answer(latencyMs, counts, deadLetters.openCount());
    }
}
