package io.inflow.sandbox;

import java.util.List;

/** The outcome of an admin "delete": how many records were deleted and their ids, as the API shows them. */
public record Deletion(int deleted, List<String> ids) {

    public Deletion {
        ids = List.copyOf(ids);
    }
}
