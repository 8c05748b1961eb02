package io.inflow.server.store;

import io.inflow.api.record.RejectedRecord;
import java.util.List;

/**
 * A connector's batch made ready to store, on the reading thread (see {@link StorableBatches}): its records
 * checked and hashed, the last of each id only, those PostgreSQL could not store moved to the rejected ones.
 *
 * @param records  the records to store, at most one per id, in the order they came
 * @param rejected the records the connector rejected, then those PostgreSQL could not store
 * @param deleted  the ids the upstream reported deleted, applied after this batch's records
 * @param position the checkpoint that follows the batch, as {@code checkpoints.position} holds it
 */
public record StorableBatch(List<StorableRecord> records, List<RejectedRecord> rejected, List<String> deleted,
                            String position) {
}
