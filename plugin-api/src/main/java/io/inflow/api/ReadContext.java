package io.inflow.api;

import io.inflow.api.record.Batch;

/**
 * The host's side of one {@link Connector#read} of one stream.
 *
 * @since 0.1
 */
public interface ReadContext extends ConnectorContext {

    /**
     * Stores a batch of records and the checkpoint that follows it, in one transaction: when this returns, both
     * are durable; when it throws, neither is. Records are upserted by (connection, stream, external id), so
     * committing the same record twice is harmless. A batch may be empty, to move the checkpoint alone.
     *
     * <p>Blocking; call it from the thread that runs {@code read}.
     *
     * @throws ReadCancelledException after storing the batch, when the run has been cancelled
     * @throws IllegalArgumentException when a record names another stream than the one being read
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
