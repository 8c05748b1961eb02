package io.inflow.sandbox.airtable;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scans in progress. An iterator expires once it has been idle for the TTL, and is then
 * forgotten, so memory stays bounded however many scans are abandoned. Iterator ids follow from
 * the seed and a counter, so that a replayed session gets byte-identical offsets.
 */
final class IteratorStore {

    private final Clock clock;
    private final long seed;
    private final Duration ttl;
    private final Map<String, ScanIterator> iterators = new ConcurrentHashMap<>();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong lastSweep = new AtomicLong();

    IteratorStore(Clock clock, long seed, Duration ttl) {
        this.clock = clock;
        this.seed = seed;
        this.ttl = ttl;
    }

    ScanIterator create(String scanKey, int[] records) {
        long now = clock.millis();
        sweep(now);
        String id = "itr" + Ids.suffix(seed, created.incrementAndGet());
        ScanIterator iterator = new ScanIterator(id, scanKey, records, now);
        iterators.put(id, iterator);
        return iterator;
    }

    /** The live iterator with this id, marked as used now; empty if unknown or expired. */
    Optional<ScanIterator> find(String id) {
        long now = clock.millis();
        sweep(now);
        ScanIterator iterator = iterators.get(id);
        if (iterator == null) {
            return Optional.empty();
        }
        if (expired(iterator, now)) {
            iterators.remove(id, iterator);
            return Optional.empty();
        }
        iterator.usedAt(now);
        return Optional.of(iterator);
    }

    /** Forgets an iterator at once, as if it had expired; unknown ids are ignored. */
    void forget(String id) {
        iterators.remove(id);
    }

    int size() {
        return iterators.size();
    }

    private boolean expired(ScanIterator iterator, long now) {
        return now - iterator.lastUsedMillis() >= ttl.toMillis();
    }

    /** At most a few times per TTL, drops every expired iterator. */
    private void sweep(long now) {
        long previous = lastSweep.get();
        if (now - previous < Math.max(1, ttl.toMillis() / 10) || !lastSweep.compareAndSet(previous, now)) {
            return;
        }
        iterators.values().removeIf(iterator -> expired(iterator, now));
    }
}
