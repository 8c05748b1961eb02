package io.inflow.sandbox.airtable;

/** A text field holding a prefix and a zero-padded number, such as {@code BK-004211}; 0 means empty. */
final class CodeColumn implements Column {

    private final FieldSchema field;
    private final String prefix;
    private final int digits;
    private final int[] numbers;

    CodeColumn(FieldSchema field, String prefix, int digits, int[] numbers) {
        this.field = field;
        this.prefix = prefix;
        this.digits = digits;
        this.numbers = numbers;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        int number = numbers[record];
        if (number == 0) {
            return null;
        }
        String text = Integer.toString(number);
        return text.length() >= digits ? prefix + text : prefix + "0".repeat(digits - text.length()) + text;
    }

    @Override
    public int compare(int a, int b) {
        return Integer.compare(numbers[a], numbers[b]);
    }
}
