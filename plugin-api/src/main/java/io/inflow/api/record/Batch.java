package io.inflow.api.record;

import io.inflow.api.Checkpoint;
import java.util.List;
import java.util.Objects;

/**
 * A page of records and the checkpoint that follows it: where to continue once these records are stored.
 *
 * @param records the records, possibly none; when one external id occurs twice, the later one wins
 * @param rejected the records of the page that could not be mapped, kept as dead letters
 * @param checkpoint the position after these records
 * @since 0.1
 */
public record Batch(List<Record> records, List<RejectedRecord> rejected, Checkpoint checkpoint) {

    public Batch {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** A page whose every record could be mapped. */
    public Batch(List<Record> records, Checkpoint checkpoint) {
        this(records, List.of(), checkpoint);
    }
}
