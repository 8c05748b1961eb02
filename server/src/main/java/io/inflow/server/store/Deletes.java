package io.inflow.server.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a connection does with a record deleted upstream. */
public enum Deletes {
    /** Keeps the record, marked deleted ({@code deleted_at}, {@code deleted_by_run}): it comes back if it reappears. */
    SOFT,
    /** Removes the record's row in the run that finds it deleted. */
    HARD;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code soft} or {@code hard}, in any case. */
    @JsonCreator
    public static Deletes fromCode(String code) {
        for (Deletes deletes : values()) {
            if (deletes.code().equalsIgnoreCase(code)) {
                return deletes;
            }
        }
        throw new IllegalArgumentException("deletes must be 'soft' or 'hard', was '" + code + "'");
    }
}
