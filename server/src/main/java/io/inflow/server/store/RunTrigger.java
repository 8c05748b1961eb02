package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an import run started. */
public enum RunTrigger {
    MANUAL,
    SCHEDULE,
    STARTUP,
    RESUME;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
