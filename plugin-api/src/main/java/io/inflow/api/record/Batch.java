package io.inflow.api.record;

import io.inflow.api.Checkpoint;
import java.util.List;
import java.util.Objects;

/**
 * A page of records and the checkpoint that follows it: where to continue once these records are stored.
 *
 * @param records the records, possibly none; when one external id occurs twice, the later one wins
 * @param checkpoint the position after these records
 * @since 0.1
 */
public record Batch(List<Record> records, Checkpoint checkpoint) {

    public Batch {
        records = List.copyOf(records);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }
}
