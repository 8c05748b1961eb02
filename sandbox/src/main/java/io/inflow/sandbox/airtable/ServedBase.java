package io.inflow.sandbox.airtable;

import io.inflow.sandbox.RequestCounter;
import java.time.Clock;
import java.util.List;

/** A base with its generated table, what changes and deletes its records, and the requests that named it. */
final class ServedBase {

    private final BaseSpec spec;
    private final AirtableBase base;
    private final AirtableTable table;
    private final RecordModifier modifier;
    private final RecordDeleter deleter;
    private final RequestCounter counter = new RequestCounter();

    private ServedBase(BaseSpec spec, AirtableTable table, RecordModifier modifier) {
        this.spec = spec;
        this.table = table;
        this.modifier = modifier;
        this.deleter = new RecordDeleter(spec.seed(), table);
        this.base = new AirtableBase(spec.id(), spec.name(), "read", List.of(table));
    }

    static ServedBase generate(BaseSpec spec, Clock clock) {
        ConversationsGenerator.Generated generated = new ConversationsGenerator(spec.seed(), spec.records(), spec.tableId()).generate();
        return new ServedBase(spec, generated.table(), new RecordModifier(spec.seed(), generated.table(), generated.edit(), clock));
    }

    BaseSpec spec() {
        return spec;
    }

    AirtableBase base() {
        return base;
    }

    AirtableTable table() {
        return table;
    }

    RecordModifier modifier() {
        return modifier;
    }

    RecordDeleter deleter() {
        return deleter;
    }

    RequestCounter counter() {
        return counter;
    }
}
