package io.inflow.api;

import io.inflow.api.record.Batch;

/**
 * The host's side of one {@link Connector#read} of one stream.
 *
 * @since 0.1
 */
public interface ReadContext extends ConnectorContext {

    /**
     * Hands the host a batch of records and the checkpoint that follows it. The host stores them in the order
     * committed, each batch in one transaction with its checkpoint (a transaction may hold several consecutive
     * batches): a checkpoint is never stored without the records before it. It stores while the connector reads
     * on, so this returns at once unless the host is several pages behind, and everything committed is stored
     * before the read counts as over; a crash may lose the last pages committed, never a checkpoint's records, so
     * a resume fetches them again. Records are upserted by (connection, stream, external id), so committing the
     * same record twice is harmless. A batch may be empty, to move the checkpoint alone.
     *
     * <p>Call it from the thread that runs {@code read}.
     *
     * @throws ReadCancelledException when the run has been cancelled (the batch is still stored)
     * @throws IllegalArgumentException when a record names another stream than the one being read
     * @throws RuntimeException         when storing an earlier batch failed; the read should end by letting it
     *                                  through
     */
    void commit(Batch batch);

    /**
     * Tells the host how many records this read will hand over in all, when the upstream says (a total count
     * on the first page, say), so the run can show a percentage and an ETA. Optional; call it again to refine.
     */
    void estimateTotal(long records);

    /**
     * True once the run has been asked to stop: cancelled by a person, or its node is shutting down. Check it
     * between upstream calls and return when it is set; the host then keeps the last committed checkpoint for
     * a resume and does not mark the stream complete.
     */
    boolean isCancelled();
}
