package io.inflow.server.connections;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.inflow.server.store.RunMode;

/**
 * One stream a connection names in its {@code streams}: written as its name ({@code "clients"}), or as
 * {@code {"name": "sales", "mode": "full"}}.
 *
 * @param mode {@code incremental} (the default: incremental runs continue from its watermark) or {@code full} (every
 *             run reads it in full, and so finds what was deleted upstream); null for the default
 */
public record StreamChoice(String name, RunMode mode) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public StreamChoice {
    }

    /** A stream named alone, read in the default mode. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StreamChoice named(String name) {
        return new StreamChoice(name, null);
    }
}
