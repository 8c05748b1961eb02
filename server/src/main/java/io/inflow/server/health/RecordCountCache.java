package io.inflow.server.health;

import io.inflow.server.store.RecordCount;
import io.inflow.server.store.RecordCountDao;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The records each connection's streams hold, for the health answer: counted at most once per period, because
 * counting reads every stored record (237 ms a call when issue 18 measured it, 1.7 s while an import wrote) and
 * health is what load balancers and monitors poll. The counts may be up to a period old, so they say when they were
 * taken.
 *
 * <p>The first caller after the period counts again; callers meanwhile get the counts being replaced rather than
 * queue behind it, and wait only while there are none yet. A count that fails is its caller's failure and leaves the
 * last counts in place; the next caller tries again.
 */
public final class RecordCountCache {

    /** How old the counts the health answer shows may be, unless a test asks for less. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    /** The counts, and when counting began. */
    public record Counted(Instant countedAt, List<RecordCount> counts) {

        public Counted {
            counts = List.copyOf(counts);
        }
    }

    private final RecordCountDao recordCounts;
    private final Duration period;
    private final Clock clock;
    private final ReentrantLock counting = new ReentrantLock();
    private volatile Counted last;

    public RecordCountCache(RecordCountDao recordCounts, Duration period, Clock clock) {
        this.recordCounts = recordCounts;
        this.period = period;
        this.clock = clock;
    }

    /** @throws RuntimeException when there are no counts yet and the database does not answer */
    public Counted current() {
        Counted known = last;
        if (known != null && isFresh(known)) {
            return known;
        }
        if (known == null) {
            counting.lock();
        } else if (!counting.tryLock()) {
            return known; // another caller is counting
        }
        try {
            Counted again = last;
            if (again != null && isFresh(again)) {
                return again;
            }
            Instant countedAt = clock.instant();
            Counted counted = new Counted(countedAt, recordCounts.all());
            last = counted;
            return counted;
        } finally {
            counting.unlock();
        }
    }

    private boolean isFresh(Counted counted) {
        return clock.instant().isBefore(counted.countedAt().plus(period));
    }
}
