package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an import reads: everything, or only what changed since the last completed read. */
public enum RunMode {
    FULL,
    INCREMENTAL;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code full} or {@code incremental}, in any case. */
    @JsonCreator
    public static RunMode fromCode(String code) {
        for (RunMode mode : values()) {
            if (mode.code().equalsIgnoreCase(code)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be 'full' or 'incremental', was '" + code + "'");
    }
}
