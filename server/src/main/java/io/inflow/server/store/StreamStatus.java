package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the read of one stream within a run stands. */
public enum StreamStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
