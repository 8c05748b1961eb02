package io.inflow.sandbox;

import java.util.List;

/** The outcome of an admin "restore": how many deleted records came back and their ids. */
public record Restoration(int restored, List<String> ids) {

    public Restoration {
        ids = List.copyOf(ids);
    }
}
