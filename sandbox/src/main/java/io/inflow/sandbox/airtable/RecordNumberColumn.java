package io.inflow.sandbox.airtable;

/** An autoNumber field: 1 for the first record created, and so on. */
final class RecordNumberColumn implements Column {

    private final FieldSchema field;

    RecordNumberColumn(FieldSchema field) {
        this.field = field;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        return record + 1L;
    }

    @Override
    public int compare(int a, int b) {
        return Integer.compare(a, b);
    }
}
