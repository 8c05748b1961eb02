package io.inflow.sandbox.airtable;

import java.util.List;
import java.util.Optional;

/** A table as the base schema endpoint describes it. */
public record TableSchema(
        String id, String name, String description, String primaryFieldId, List<FieldSchema> fields, List<ViewSchema> views) {

    public TableSchema {
        fields = List.copyOf(fields);
        views = List.copyOf(views);
    }

    /** A view by name or id. */
    public Optional<ViewSchema> view(String nameOrId) {
        return views.stream().filter(v -> v.name().equals(nameOrId) || v.id().equals(nameOrId)).findFirst();
    }
}
