package io.inflow.server.api;

import io.inflow.server.store.RunMode;

/** The body of {@code POST /api/v1/connections/{id}/imports}; every field is optional. */
public record TriggerImportRequest(RunMode mode, String notes) {

    static final TriggerImportRequest DEFAULT = new TriggerImportRequest(RunMode.INCREMENTAL, null);

    /** Incremental unless asked otherwise: the first incremental import of a connection reads everything. */
    public RunMode modeOrDefault() {
        return mode == null ? RunMode.INCREMENTAL : mode;
    }
}
