package io.inflow.sandbox.airtable;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scan's frozen order of records. It remembers each offset it handed out, so a client may ask
 * for the same page again (a retry) but cannot invent a position.
 */
final class ScanIterator {

    private final String id;
    private final String scanKey;
    private final int[] records;
    private final Map<String, Integer> positionsByNextRecord = new ConcurrentHashMap<>();
    private volatile long lastUsedMillis;

    ScanIterator(String id, String scanKey, int[] records, long createdMillis) {
        this.id = id;
        this.scanKey = scanKey;
        this.records = records;
        this.lastUsedMillis = createdMillis;
    }

    String id() {
        return id;
    }

    String scanKey() {
        return scanKey;
    }

    int[] records() {
        return records;
    }

    long lastUsedMillis() {
        return lastUsedMillis;
    }

    void usedAt(long millis) {
        lastUsedMillis = Math.max(lastUsedMillis, millis);
    }

    /** The offset that resumes at {@code position}. */
    OffsetToken offsetAt(int position, AirtableTable table) {
        String recordId = table.recordId(records[position]);
        positionsByNextRecord.put(recordId, position);
        return new OffsetToken(id, recordId);
    }

    OptionalInt positionOf(String recordId) {
        Integer position = positionsByNextRecord.get(recordId);
        return position == null ? OptionalInt.empty() : OptionalInt.of(position);
    }
}
