package io.inflow.api.record;

import io.inflow.api.Checkpoint;
import java.util.List;
import java.util.Objects;

/**
 * A page of records and the checkpoint that follows it: where to continue once these records are stored.
 *
 * <p>Build it with {@link #of(List, Checkpoint)} and the {@code with...} methods. The canonical constructor stays public (a record's
 * must), but a later version that adds a component changes it and keeps today's as a deprecated overload, so a
 * plugin built against this version still loads; the build's API check (japicmp) holds the host to that.
 *
 * @param records the records, possibly none; when one external id occurs twice, the later one wins
 * @param rejected the records of the page that could not be mapped, kept as dead letters
 * @param deleted the external ids of records the upstream says were deleted (Gmail's {@code messagesDeleted},
 *                a Toast order marked {@code deleted}): the host marks them deleted, or removes them when the
 *                connection keeps no deleted records. They apply after the page's records, so an id among both
 *                ends deleted; ids the host never stored are ignored. Since 0.2.
 * @param checkpoint the position after these records
 * @since 0.1
 */
public record Batch(List<Record> records, List<RejectedRecord> rejected, List<String> deleted,
                    Checkpoint checkpoint) {

    public Batch {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
        deleted = List.copyOf(deleted);
        Objects.requireNonNull(checkpoint, "checkpoint");
    }

    /** A page of records, some of which could not be mapped, that reports no deletion: the constructor of 0.1. */
    public Batch(List<Record> records, List<RejectedRecord> rejected, Checkpoint checkpoint) {
        this(records, rejected, List.of(), checkpoint);
    }

    /** A page whose every record could be mapped. */
    public Batch(List<Record> records, Checkpoint checkpoint) {
        this(records, List.of(), List.of(), checkpoint);
    }

    /**
     * A page of records, all mapped, that reports no deletion.
     *
     * @since 1.0
     */
    public static Batch of(List<Record> records, Checkpoint checkpoint) {
        return new Batch(records, List.of(), List.of(), checkpoint);
    }

    /**
     * A page without records that only moves the checkpoint (a page whose records were all filtered out, say).
     *
     * @since 1.0
     */
    public static Batch checkpointOnly(Checkpoint checkpoint) {
        return of(List.of(), checkpoint);
    }

    /**
     * This page, with records of it that could not be mapped, to be kept as dead letters.
     *
     * @since 1.0
     */
    public Batch withRejected(List<RejectedRecord> unmapped) {
        return new Batch(records, unmapped, deleted, checkpoint);
    }

    /**
     * This page, also reporting that the records with these external ids were deleted upstream.
     *
     * @since 0.2
     */
    public Batch withDeleted(List<String> externalIds) {
        return new Batch(records, rejected, externalIds, checkpoint);
    }
}
