package io.inflow.testkit;

import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records by stream and external id, as the host keeps them: a record whose payload did not change is
 * unchanged. Payloads are compared as text, so a connector must serialize a record the same way each time.
 * Deleted records are removed (the host keeps them marked deleted, which a connector cannot tell apart).
 */
public final class InMemoryStore {

    /** How storing one record went. */
    enum Outcome { INSERTED, UPDATED, UNCHANGED }

    private final Map<String, Map<String, String>> streams = new ConcurrentHashMap<>();
    private final List<RejectedRecord> rejected = new ArrayList<>();

    Outcome put(Record record) {
        Map<String, String> stream = streams.computeIfAbsent(record.stream(), name -> new ConcurrentHashMap<>());
        String before = stream.put(record.externalId(), record.payload());
        if (before == null) {
            return Outcome.INSERTED;
        }
        return Objects.equals(before, record.payload()) ? Outcome.UNCHANGED : Outcome.UPDATED;
    }

    /** Removes a record the upstream reported deleted; false when it was not stored. */
    boolean delete(String stream, String externalId) {
        Map<String, String> records = streams.get(stream);
        return records != null && records.remove(externalId) != null;
    }

    /** Removes every record of the stream whose id is not among {@code seen}, as the host's reconcile does. */
    long retainOnly(String stream, Set<String> seen) {
        Map<String, String> records = streams.getOrDefault(stream, Map.of());
        long before = records.size();
        records.keySet().retainAll(seen);
        return before - records.size();
    }

    synchronized void reject(RejectedRecord record) {
        rejected.add(record);
    }

    /** The records of a stream, by external id. */
    public Map<String, String> stream(String name) {
        return Map.copyOf(streams.getOrDefault(name, Map.of()));
    }

    public long count(String stream) {
        return streams.getOrDefault(stream, Map.of()).size();
    }

    public synchronized List<RejectedRecord> rejected() {
        return List.copyOf(rejected);
    }
}
