package io.inflow.testkit;

/**
 * What a read stored.
 *
 * @param failed records the connector rejected
 * @param deleted records removed: those the connector reported deleted, and after a full import those of a
 *                stream whose full scans are complete that the scan did not return
 * @param batches pages committed
 */
public record ReadResult(long inserted, long updated, long unchanged, long failed, long deleted, long batches) {

    static final ReadResult NONE = new ReadResult(0, 0, 0, 0, 0, 0);

    ReadResult plus(ReadResult other) {
        return new ReadResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                failed + other.failed, deleted + other.deleted, batches + other.batches);
    }

    ReadResult withMoreDeleted(long more) {
        return new ReadResult(inserted, updated, unchanged, failed, deleted + more, batches);
    }

    /** The records read: stored or rejected (deletions are not records read). */
    public long total() {
        return inserted + updated + unchanged + failed;
    }
}
