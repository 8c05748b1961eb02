package io.inflow.sandbox.airtable;

import java.time.Instant;

/** A date-time field (createdTime, lastModifiedTime) over epoch milliseconds. */
final class TimeColumn implements Column {

    private final FieldSchema field;
    private final long[] millis;

    TimeColumn(FieldSchema field, long[] millis) {
        this.field = field;
        this.millis = millis;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        return Instant.ofEpochMilli(millis[record]);
    }

    @Override
    public int compare(int a, int b) {
        return Long.compare(millis[a], millis[b]);
    }
}
