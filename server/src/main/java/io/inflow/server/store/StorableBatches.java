package io.inflow.server.store;

import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a connector's batches ready to store: checks and hashes each payload ({@link JsonbDigest}), keeps the
 * last record of each id (an upsert cannot touch one row twice), encodes the checkpoint. It runs on the reading
 * thread, so the thread that writes to PostgreSQL only writes.
 *
 * <p>Not thread-safe: one per read.
 */
public final class StorableBatches {

    private final JsonbDigest digest;
    private final CheckpointCodec checkpoints;

    public StorableBatches(JsonbDigest digest, CheckpointCodec checkpoints) {
        this.digest = digest;
        this.checkpoints = checkpoints;
    }

    public StorableBatch of(String stream, Batch batch) {
        List<RejectedRecord> rejected = new ArrayList<>(batch.rejected());
        List<StorableRecord> records = new ArrayList<>(batch.records().size());
        for (Record record : batch.records()) {
            try {
                records.add(of(record));
            } catch (JsonbDigest.UnstorablePayloadException e) {
                rejected.add(new RejectedRecord(stream, record.externalId(), record.payload(), e.getMessage()));
            }
        }
        return new StorableBatch(lastOfEachId(records), rejected, batch.deleted(),
                checkpoints.encode(batch.checkpoint()));
    }

    /**
     * One record made ready to store.
     *
     * @throws JsonbDigest.UnstorablePayloadException when PostgreSQL cannot store its payload, with the reason
     */
    public StorableRecord of(Record record) throws JsonbDigest.UnstorablePayloadException {
        return new StorableRecord(record.externalId(), record.payload(), digest.digest(record.payload()),
                record.sourceUpdatedAt());
    }

    /** The later of two records with one id wins; the order is otherwise kept (a page's ids are mostly distinct). */
    private static List<StorableRecord> lastOfEachId(List<StorableRecord> records) {
        Map<String, Integer> last = new HashMap<>(records.size() * 2);
        boolean repeated = false;
        for (int i = 0; i < records.size(); i++) {
            repeated |= last.put(records.get(i).externalId(), i) != null;
        }
        if (!repeated) {
            return records;
        }
        List<StorableRecord> kept = new ArrayList<>(last.size());
        for (int i = 0; i < records.size(); i++) {
            if (last.get(records.get(i).externalId()) == i) {
                kept.add(records.get(i));
            }
        }
        return kept;
    }
}
