package io.inflow.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
                   unchanged = unchanged + :unchanged, failed = failed + :failed, batches = batches + :batches
             WHERE run_id = :runId AND stream = :stream
            """;

    private static final String DEAD_LETTERS = """
            INSERT INTO dead_letters (connection_id, run_id, stream, external_id, payload, reason)
            SELECT :connectionId, :runId, :stream, t.external_id, t.payload, t.reason
            FROM unnest(:externalIds::text[], :payloads::text[], :reasons::text[]) AS t(external_id, payload, reason)
            """;

    private static final String HEARTBEAT = """
            UPDATE import_runs SET heartbeat_at = now()
             WHERE id = :runId AND node = :node AND status IN ('running', 'cancelling')
            RETURNING status
            """;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final JsonPayloads payloads;

    public RecordSink(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
        this.payloads = new JsonPayloads(json.getFactory());
    }

    /**
     * Stores one batch read by {@code runId} on {@code node}: its records, its rejected records as dead letters
     * (with those of its records that PostgreSQL could not store), its checkpoint and the counts.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(long connectionId, long runId, String node, String stream, Batch batch) {
        return commit(connectionId, runId, node, stream, List.of(batch));
    }

    /**
     * Stores consecutive batches of one stream in one transaction, as if each were committed in turn: their
     * records, their rejected records, the last batch's checkpoint and the counts. One transaction for several
     * pages costs one heartbeat, one checkpoint write and one commit (fsync) instead of one each per page.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(long connectionId, long runId, String node, String stream, List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch to store");
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        List<Collection<Record>> upserts = new ArrayList<>(batches.size());
        for (Batch batch : batches) {
            rejected.addAll(batch.rejected());
            List<Record> storable = new ArrayList<>(batch.records().size());
            for (Record record : batch.records()) {
                Optional<String> problem = payloads.problem(record.payload());
                if (problem.isPresent()) {
                    rejected.add(new RejectedRecord(stream, record.externalId(), record.payload(), problem.get()));
                } else {
                    storable.add(record);
                }
            }
            upserts.add(lastOfEachId(storable));
        }
        List<Collection<Record>> statements = mergedWhenDistinct(upserts);
        int records = statements.stream().mapToInt(Collection::size).sum();
        String position = toJson(batches.get(batches.size() - 1).checkpoint());
        return jdbi.inTransaction(handle -> {
            RunStatus status = heartbeat(handle, runId, node)
                    .orElseThrow(() -> new RunNotOwnedException(runId, node));
            int inserted = 0;
            int updated = 0;
            for (Collection<Record> upsert : statements) {
                if (upsert.isEmpty()) {
                    continue;
                }
                for (boolean wasInsert : upsert(handle, connectionId, runId, stream, upsert)) {
                    if (wasInsert) {
                        inserted++;
                    } else {
                        updated++;
                    }
                }
            }
            int unchanged = records - inserted - updated;
            if (!rejected.isEmpty()) {
                deadLetters(handle, connectionId, runId, stream, rejected);
            }
            handle.createUpdate(SAVE_POSITION)
                    .bind("connectionId", connectionId).bind("stream", stream)
                    .bind("position", position).bind("runId", runId)
                    .execute();
            handle.createUpdate(COUNT)
                    .bind("runId", runId).bind("stream", stream)
                    .bind("inserted", inserted).bind("updated", updated).bind("unchanged", unchanged)
                    .bind("failed", rejected.size()).bind("batches", batches.size())
                    .execute();
            return new CommitOutcome(inserted, updated, unchanged, rejected.size(), status == RunStatus.CANCELLING);
        });
    }

    /**
     * The batches' records as one upsert when no id appears in two of them, so each record is counted exactly as
     * page-by-page commits would count it; otherwise one upsert per batch, in order.
     */
    private static List<Collection<Record>> mergedWhenDistinct(List<Collection<Record>> upserts) {
        if (upserts.size() == 1) {
            return upserts;
        }
        Set<String> ids = new HashSet<>();
        List<Record> merged = new ArrayList<>();
        for (Collection<Record> upsert : upserts) {
            for (Record record : upsert) {
                if (!ids.add(record.externalId())) {
                    return upserts;
                }
                merged.add(record);
            }
        }
        return List.of(merged);
    }

    /**
     * Stores a record read again for a dead letter, through the same upsert, and marks the letter replayed, in one
     * transaction.
     *
     * @return what storing it did
     * @throws IllegalArgumentException when the record still cannot be stored
     */
    public CommitOutcome replay(DeadLetterRow letter, Record record) {
        payloads.problem(record.payload()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return jdbi.inTransaction(handle -> {
            List<Boolean> outcomes = upsert(handle, letter.connectionId(), letter.runId(), letter.stream(),
                    List.of(record));
            handle.attach(DeadLetterDao.class).markReplayed(letter.id());
            int inserted = outcomes.isEmpty() || !outcomes.get(0) ? 0 : 1;
            int updated = outcomes.isEmpty() || outcomes.get(0) ? 0 : 1;
            return new CommitOutcome(inserted, updated, 1 - inserted - updated, 0, false);
        });
    }

    private static void deadLetters(Handle handle, long connectionId, long runId, String stream,
                                    List<RejectedRecord> rejected) {
        String[] externalIds = new String[rejected.size()];
        String[] payloads = new String[rejected.size()];
        String[] reasons = new String[rejected.size()];
        for (int i = 0; i < rejected.size(); i++) {
            externalIds[i] = rejected.get(i).externalId();
            payloads[i] = rejected.get(i).rawPayload().replace("\u0000", "");
            reasons[i] = rejected.get(i).reason();
        }
        handle.createUpdate(DEAD_LETTERS)
                .bind("connectionId", connectionId).bind("runId", runId).bind("stream", stream)
                .bind("externalIds", externalIds).bind("payloads", payloads).bind("reasons", reasons)
                .execute();
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
