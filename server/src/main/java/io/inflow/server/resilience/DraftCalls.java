package io.inflow.server.resilience;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The upstream calls made for a connection that is not stored yet (the check of a new connection): counted here
 * against its quota as the database would count them, then kept in the database under the connection once it is
 * stored ({@link UpstreamClients#keep}), so they count against its first day as every other call does.
 */
public final class DraftCalls implements QuotaLedger {

    private final Map<Instant, Long> callsByWindow = new TreeMap<>();

    @Override
    public synchronized Optional<Long> consume(long connectionId, Instant windowStart, long quota,
                                               boolean allowOverage) {
        long calls = callsByWindow.getOrDefault(windowStart, 0L);
        if (calls >= quota && !allowOverage) {
            return Optional.empty();
        }
        callsByWindow.put(windowStart, calls + 1);
        return Optional.of(calls + 1);
    }

    /** The calls counted, by the start of their quota window. */
    synchronized Map<Instant, Long> byWindow() {
        return Map.copyOf(callsByWindow);
    }
}
