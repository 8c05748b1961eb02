package io.inflow.sandbox;

import java.util.List;

/** The outcome of an admin "modify": how many records changed and their ids. */
public record Modification(int modified, List<String> ids) {

    public Modification {
        ids = List.copyOf(ids);
    }
}
