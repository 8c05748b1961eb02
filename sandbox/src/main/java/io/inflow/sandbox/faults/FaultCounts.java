package io.inflow.sandbox.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many faults of each kind one fake API injected; malformedRecord counts records. */
public final class FaultCounts {

    private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);

    /** Counts what {@code faults} ended up applying, if anything. */
    public void add(RequestFaults faults) {
        faults.applied().ifPresent(fault -> counts.addAndGet(fault.ordinal(), faults.appliedCount()));
    }

    public long count(Fault fault) {
        return counts.get(fault.ordinal());
    }

    /** Every kind by its key, zeros included, in {@link Fault}'s order. */
    public Map<String, Long> asJson() {
        Map<String, Long> json = new LinkedHashMap<>();
        for (Fault fault : Fault.values()) {
            json.put(fault.key(), count(fault));
        }
        return json;
    }

    public void reset() {
        for (int i = 0; i < counts.length(); i++) {
            counts.set(i, 0);
        }
    }
}
