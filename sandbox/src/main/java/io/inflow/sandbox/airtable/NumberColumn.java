package io.inflow.sandbox.airtable;

/** A whole-number field. Its cells may change; the table's lock guards them. */
final class NumberColumn implements Column {

    private final FieldSchema field;
    private final int[] numbers;

    NumberColumn(FieldSchema field, int[] numbers) {
        this.field = field;
        this.numbers = numbers;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        return (long) numbers[record];
    }

    @Override
    public int compare(int a, int b) {
        return Integer.compare(numbers[a], numbers[b]);
    }

    void increment(int record) {
        numbers[record]++;
    }
}
