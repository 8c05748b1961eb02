package io.inflow.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores batches of records: an idempotent upsert keyed by (connection, stream, external id), the checkpoint
 * that follows the batch, and the run's counts, all in one transaction.
 *
 * <p>Each record carries the md5 of its payload's canonical {@code jsonb} text, so the upsert writes only
 * records that are new or whose content changed, and {@code RETURNING (xmax = 0)} tells an insert from an
 * update: the counts are exact, and a re-import of unchanged data writes no record at all.
 */
public final class RecordSink {

    private static final String UPSERT = """
            INSERT INTO records AS r (connection_id, stream, external_id, payload, content_hash, source_updated_at,
                                      inserted_by_run, updated_by_run)
            SELECT :connectionId, :stream, t.external_id, t.payload, md5(t.payload::text)::uuid,
                   t.source_updated_at::timestamptz, :runId, :runId
            FROM unnest(:externalIds::text[], :payloads::jsonb[], :sourceUpdatedAts::text[])
                 AS t(external_id, payload, source_updated_at)
            ON CONFLICT (connection_id, stream, external_id) DO UPDATE
               SET payload = EXCLUDED.payload,
                   content_hash = EXCLUDED.content_hash,
                   source_updated_at = EXCLUDED.source_updated_at,
                   updated_by_run = EXCLUDED.updated_by_run,
                   updated_at = now()
             WHERE r.content_hash <> EXCLUDED.content_hash
            RETURNING (xmax = 0) AS inserted
            """;

    private static final String SAVE_POSITION = """
            INSERT INTO checkpoints (connection_id, stream, position, run_id, updated_at)
            VALUES (:connectionId, :stream, CAST(:position AS jsonb), :runId, now())
            ON CONFLICT (connection_id, stream) DO UPDATE
               SET position = EXCLUDED.position, run_id = EXCLUDED.run_id, updated_at = now()
            """;

    private static final String COUNT = """
            UPDATE import_run_streams
               SET inserted = inserted + :inserted, updated = updated + :updated,
                   unchanged = unchanged + :unchanged, batches = batches + 1
             WHERE run_id = :runId AND stream = :stream
            """;

    private static final String HEARTBEAT = """
            UPDATE import_runs SET heartbeat_at = now()
             WHERE id = :runId AND node = :node AND status IN ('running', 'cancelling')
            RETURNING status
            """;

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public RecordSink(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /**
     * Stores one batch read by {@code runId} on {@code node}.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(long connectionId, long runId, String node, String stream, Batch batch) {
        Collection<Record> records = lastOfEachId(batch.records());
        String position = toJson(batch.checkpoint());
        return jdbi.inTransaction(handle -> {
            RunStatus status = heartbeat(handle, runId, node)
                    .orElseThrow(() -> new RunNotOwnedException(runId, node));
            int inserted = 0;
            int updated = 0;
            if (!records.isEmpty()) {
                List<Boolean> outcomes = upsert(handle, connectionId, runId, stream, records);
                for (boolean wasInsert : outcomes) {
                    if (wasInsert) {
                        inserted++;
                    } else {
                        updated++;
                    }
                }
            }
            int unchanged = records.size() - inserted - updated;
            handle.createUpdate(SAVE_POSITION)
                    .bind("connectionId", connectionId).bind("stream", stream)
                    .bind("position", position).bind("runId", runId)
                    .execute();
            handle.createUpdate(COUNT)
                    .bind("runId", runId).bind("stream", stream)
                    .bind("inserted", inserted).bind("updated", updated).bind("unchanged", unchanged)
                    .execute();
            return new CommitOutcome(inserted, updated, unchanged, status == RunStatus.CANCELLING);
        });
    }

    private static Optional<RunStatus> heartbeat(Handle handle, long runId, String node) {
        return handle.createQuery(HEARTBEAT)
                .bind("runId", runId).bind("node", node)
                .mapTo(RunStatus.class)
                .findOne();
    }

    private static List<Boolean> upsert(Handle handle, long connectionId, long runId, String stream,
                                        Collection<Record> records) {
        String[] externalIds = new String[records.size()];
        String[] payloads = new String[records.size()];
        String[] sourceUpdatedAts = new String[records.size()];
        int i = 0;
        for (Record record : records) {
            externalIds[i] = record.externalId();
            payloads[i] = record.payload();
            sourceUpdatedAts[i] = record.sourceUpdatedAt() == null ? null : record.sourceUpdatedAt().toString();
            i++;
        }
        return handle.createQuery(UPSERT)
                .bind("connectionId", connectionId).bind("stream", stream).bind("runId", runId)
                .bind("externalIds", externalIds).bind("payloads", payloads)
                .bind("sourceUpdatedAts", sourceUpdatedAts)
                .mapTo(Boolean.class)
                .list();
    }

    /** ON CONFLICT cannot touch one row twice in a statement: the later record of an id wins. */
    private static Collection<Record> lastOfEachId(List<Record> records) {
        Map<String, Record> byId = new LinkedHashMap<>(records.size() * 2);
        for (Record record : records) {
            byId.remove(record.externalId());
            byId.put(record.externalId(), record);
        }
        return byId.values();
    }

    private String toJson(Checkpoint checkpoint) {
        try {
            return json.writeValueAsString(checkpoint.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a checkpoint of strings always serializes", e);
        }
    }
}
