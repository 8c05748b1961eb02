package io.inflow.sandbox.airtable;

import java.util.List;

/** A single select; sorts in the order of its choices, as Airtable does, not alphabetically. */
final class ChoiceColumn implements Column {

    private final FieldSchema field;
    private final List<String> choices;
    private final byte[] picks;

    ChoiceColumn(FieldSchema field, List<String> choices, byte[] picks) {
        this.field = field;
        this.choices = List.copyOf(choices);
        this.picks = picks;
    }

    @Override
    public FieldSchema field() {
        return field;
    }

    @Override
    public Object value(int record) {
        return choices.get(picks[record]);
    }

    @Override
    public int compare(int a, int b) {
        return Byte.compare(picks[a], picks[b]);
    }
}
