package io.inflow.testkit;

/**
 * What a read stored.
 *
 * @param failed records the connector rejected
 * @param batches pages committed
 */
public record ReadResult(long inserted, long updated, long unchanged, long failed, long batches) {

    static final ReadResult NONE = new ReadResult(0, 0, 0, 0, 0);

    ReadResult plus(ReadResult other) {
        return new ReadResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged,
                failed + other.failed, batches + other.batches);
    }

    public long total() {
        return inserted + updated + unchanged + failed;
    }
}
