package io.inflow.sandbox.airtable;

import java.util.List;
import java.util.Optional;

/** A base and its tables. */
public record AirtableBase(String id, String name, String permissionLevel, List<AirtableTable> tables) {

    public AirtableBase {
        tables = List.copyOf(tables);
    }

    /** A table by id or by name, which Airtable accepts interchangeably. */
    public Optional<AirtableTable> table(String idOrName) {
        return tables.stream().filter(t -> t.id().equals(idOrName) || t.name().equals(idOrName)).findFirst();
    }
}
