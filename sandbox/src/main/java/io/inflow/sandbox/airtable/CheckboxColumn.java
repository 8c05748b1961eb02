package io.inflow.sandbox.airtable;

/** A checkbox: {@code true} when ticked, and omitted (null) when not. */
final class CheckboxColumn implements Column {

    private final FieldSchema field;
    private final boolean[] checked;

    CheckboxColumn(FieldSchema field, boolean[] checked) {
        this.field = field;
        this.checked = checked;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        return checked[record] ? Boolean.TRUE : null;
    }

    @Override
    public int compare(int a, int b) {
        return Boolean.compare(checked[a], checked[b]);
    }
}
