package io.inflow.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * update: the counts are exact, and a re-import of unchanged data writes no record at all, except, in a scan that
 * reconciles, the stamp that says the scan saw it.
 *
 * <p>Deletions: a batch's reported deletions and a completed scan's reconciliation mark records deleted
 * ({@code deleted_at}, {@code deleted_by_run}) or remove them, as the connection's {@link Deletes} says; a deleted
 * record that comes back is restored and counted updated.
 */
public final class RecordSink {

    /**
     * Inserts new records; rewrites a record whose content changed or that was deleted (restoring it); stamps a
     * record only seen again with the reconciling scan's id ({@code :scanId}, null for a read that does not
     * reconcile, which then writes nothing for it). Each row written answers {@code i} (inserted), {@code u}
     * (changed or restored: its {@code updated_at} is this transaction's) or {@code s} (only stamped seen).
     */
    private static final String UPSERT = """
            INSERT INTO records AS r (connection_id, stream, external_id, payload, content_hash, source_updated_at,
                                      inserted_by_run, updated_by_run, last_seen_scan)
            SELECT :connectionId, :stream, t.external_id, t.payload, md5(t.payload::text)::uuid,
                   t.source_updated_at::timestamptz, :runId, :runId, :scanId
            FROM unnest(:externalIds::text[], :payloads::jsonb[], :sourceUpdatedAts::text[])
                 AS t(external_id, payload, source_updated_at)
            ON CONFLICT (connection_id, stream, external_id) DO UPDATE
               SET payload = CASE WHEN r.content_hash <> EXCLUDED.content_hash OR r.deleted_at IS NOT NULL
                                  THEN EXCLUDED.payload ELSE r.payload END,
                   content_hash = EXCLUDED.content_hash,
                   source_updated_at = CASE WHEN r.content_hash <> EXCLUDED.content_hash OR r.deleted_at IS NOT NULL
                                            THEN EXCLUDED.source_updated_at ELSE r.source_updated_at END,
                   updated_by_run = CASE WHEN r.content_hash <> EXCLUDED.content_hash OR r.deleted_at IS NOT NULL
                                         THEN EXCLUDED.updated_by_run ELSE r.updated_by_run END,
                   updated_at = CASE WHEN r.content_hash <> EXCLUDED.content_hash OR r.deleted_at IS NOT NULL
                                     THEN now() ELSE r.updated_at END,
                   last_seen_scan = COALESCE(EXCLUDED.last_seen_scan, r.last_seen_scan),
                   deleted_at = NULL,
                   deleted_by_run = NULL
             WHERE r.content_hash <> EXCLUDED.content_hash
                OR r.deleted_at IS NOT NULL
                OR r.last_seen_scan IS DISTINCT FROM COALESCE(EXCLUDED.last_seen_scan, r.last_seen_scan)
            RETURNING CASE WHEN xmax = 0 THEN 'i'
                           WHEN updated_by_run = :runId AND updated_at = now() THEN 'u'
                           ELSE 's' END
            """;

    /** Marks deleted the records the upstream reported deleted, of those not marked already. */
    private static final String MARK_DELETED = """
            UPDATE records SET deleted_at = now(), deleted_by_run = :runId
             WHERE connection_id = :connectionId AND stream = :stream AND external_id = ANY(:externalIds::text[])
               AND deleted_at IS NULL
            """;

    /** Removes the records the upstream reported deleted; counts those that were not marked deleted already. */
    private static final String REMOVE_DELETED = """
            WITH removed AS (
                DELETE FROM records
                 WHERE connection_id = :connectionId AND stream = :stream AND external_id = ANY(:externalIds::text[])
                RETURNING deleted_at)
            SELECT count(*) FILTER (WHERE deleted_at IS NULL) FROM removed
            """;

    /** Marks deleted every record of the stream the completed scan did not see. */
    private static final String RECONCILE_SOFT = """
            UPDATE records SET deleted_at = now(), deleted_by_run = :runId
             WHERE connection_id = :connectionId AND stream = :stream AND deleted_at IS NULL
               AND last_seen_scan IS DISTINCT FROM :scanId
            """;

    /** Removes every record of the stream the completed scan did not see; counts those not marked deleted already. */
    private static final String RECONCILE_HARD = """
            WITH removed AS (
                DELETE FROM records
                 WHERE connection_id = :connectionId AND stream = :stream
                   AND last_seen_scan IS DISTINCT FROM :scanId
                RETURNING deleted_at)
            SELECT count(*) FILTER (WHERE deleted_at IS NULL) FROM removed
            """;

    /**
     * Stamps seen by the reconciling scan the stored copies of records it read but could not store (dead letters):
     * a record the upstream still holds, however malformed today, is not deleted by the scan.
     */
    private static final String STAMP_SEEN = """
            UPDATE records SET last_seen_scan = :scanId
             WHERE connection_id = :connectionId AND stream = :stream AND external_id = ANY(:externalIds::text[])
               AND last_seen_scan IS DISTINCT FROM :scanId
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
                   unchanged = unchanged + :unchanged, failed = failed + :failed, deleted = deleted + :deleted,
                   batches = batches + :batches
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
    private final CheckpointCodec checkpoints;
    private final JsonPayloads payloads;

    public RecordSink(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.checkpoints = new CheckpointCodec(json);
        this.payloads = new JsonPayloads(json.getFactory());
    }

    /**
     * Stores one batch: its records, its rejected records as dead letters (with those of its records that
     * PostgreSQL could not store), the deletions it reports, its checkpoint and the counts.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(StreamWrite write, Batch batch) {
        return commit(write, List.of(batch));
    }

    /**
     * Stores consecutive batches of one stream in one transaction, as if each were committed in turn: their
     * records, their rejected records, the deletions they report, the last batch's checkpoint and the counts. One
     * transaction for several pages costs one heartbeat, one checkpoint write and one commit (fsync) instead of
     * one each per page.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(StreamWrite write, List<Batch> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch to store");
        }
        String stream = write.stream();
        List<RejectedRecord> rejected = new ArrayList<>();
        List<Collection<Record>> upserts = new ArrayList<>(batches.size());
        boolean reportsDeletions = batches.stream().anyMatch(batch -> !batch.deleted().isEmpty());
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
        // a batch's deletions apply after its records and before the next batch's: merged, they could not
        List<Collection<Record>> statements = reportsDeletions ? upserts : mergedWhenDistinct(upserts);
        int records = statements.stream().mapToInt(Collection::size).sum();
        String position = checkpoints.encode(batches.get(batches.size() - 1).checkpoint());
        return jdbi.inTransaction(handle -> {
            RunStatus status = heartbeat(handle, write.runId(), write.node())
                    .orElseThrow(() -> new RunNotOwnedException(write.runId(), write.node()));
            int inserted = 0;
            int updated = 0;
            int deleted = 0;
            for (int i = 0; i < statements.size(); i++) {
                for (String outcome : upsert(handle, write, statements.get(i))) {
                    if (outcome.equals("i")) {
                        inserted++;
                    } else if (outcome.equals("u")) {
                        updated++;
                    }
                }
                if (reportsDeletions) {
                    deleted += delete(handle, write, batches.get(i).deleted());
                }
            }
            int unchanged = records - inserted - updated;
            if (!rejected.isEmpty()) {
                deadLetters(handle, write, rejected);
                stampSeen(handle, write, rejected);
            }
            handle.createUpdate(SAVE_POSITION)
                    .bind("connectionId", write.connectionId()).bind("stream", stream)
                    .bind("position", position).bind("runId", write.runId())
                    .execute();
            count(handle, write, new CommitOutcome(inserted, updated, unchanged, rejected.size(), deleted, false),
                    batches.size());
            return new CommitOutcome(inserted, updated, unchanged, rejected.size(), deleted,
                    status == RunStatus.CANCELLING);
        });
    }

    /**
     * Ends a reconciling scan's stream, in the transaction that completes the scan: every record of the stream
     * the scan did not see is marked deleted by the run (or removed, when the connection deletes hard), and
     * counted in the run's stream.
     *
     * @return the records deleted
     */
    public static int reconcile(Handle handle, StreamWrite write) {
        if (write.scanId() == null) {
            throw new IllegalArgumentException("stream " + write.stream() + " of run " + write.runId()
                    + " is not read by a reconciling scan");
        }
        int deleted = write.deletes() == Deletes.HARD
                ? handle.createQuery(RECONCILE_HARD).bind("connectionId", write.connectionId())
                        .bind("stream", write.stream()).bind("scanId", write.scanId()).mapTo(Integer.class).one()
                : handle.createUpdate(RECONCILE_SOFT).bind("connectionId", write.connectionId())
                        .bind("stream", write.stream()).bind("scanId", write.scanId()).bind("runId", write.runId())
                        .execute();
        count(handle, write, new CommitOutcome(0, 0, 0, 0, deleted, false), 0);
        return deleted;
    }

    /**
     * Marks a stream read to its end by its run, and its scan complete, in one transaction; a scan that reconciles
     * marks deleted (or removes), in the same transaction, what it did not see (see {@link #reconcile}).
     *
     * @return the records the reconciliation deleted, 0 when the scan does not reconcile
     */
    public int completeStream(StreamWrite write) {
        return jdbi.inTransaction(handle -> {
            int reconciled = write.scanId() == null ? 0 : reconcile(handle, write);
            handle.attach(CheckpointDao.class).completeScan(write.connectionId(), write.stream(), write.runId());
            handle.attach(ImportRunDao.class).finishStream(write.runId(), write.stream(), StreamStatus.SUCCEEDED);
            return reconciled;
        });
    }

    private static int delete(Handle handle, StreamWrite write, List<String> externalIds) {
        if (externalIds.isEmpty()) {
            return 0;
        }
        String[] ids = externalIds.toArray(String[]::new);
        return write.deletes() == Deletes.HARD
                ? handle.createQuery(REMOVE_DELETED).bind("connectionId", write.connectionId())
                        .bind("stream", write.stream()).bind("externalIds", ids).mapTo(Integer.class).one()
                : handle.createUpdate(MARK_DELETED).bind("connectionId", write.connectionId())
                        .bind("stream", write.stream()).bind("externalIds", ids).bind("runId", write.runId())
                        .execute();
    }

    private static void count(Handle handle, StreamWrite write, CommitOutcome outcome, int batches) {
        handle.createUpdate(COUNT)
                .bind("runId", write.runId()).bind("stream", write.stream())
                .bind("inserted", outcome.inserted()).bind("updated", outcome.updated())
                .bind("unchanged", outcome.unchanged()).bind("failed", outcome.failed())
                .bind("deleted", outcome.deleted()).bind("batches", batches)
                .execute();
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
            List<String> outcomes = upsert(handle,
                    StreamWrite.of(letter.connectionId(), letter.runId(), null, letter.stream()), List.of(record));
            handle.attach(DeadLetterDao.class).markReplayed(letter.id());
            int inserted = outcomes.contains("i") ? 1 : 0;
            int updated = outcomes.contains("u") ? 1 : 0;
            return new CommitOutcome(inserted, updated, 1 - inserted - updated, 0, 0, false);
        });
    }

    private static void stampSeen(Handle handle, StreamWrite write, List<RejectedRecord> rejected) {
        if (write.scanId() == null) {
            return;
        }
        String[] externalIds = rejected.stream().map(RejectedRecord::externalId).filter(Objects::nonNull)
                .distinct().toArray(String[]::new);
        if (externalIds.length > 0) {
            handle.createUpdate(STAMP_SEEN)
                    .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                    .bind("scanId", write.scanId()).bind("externalIds", externalIds)
                    .execute();
        }
    }

    private static void deadLetters(Handle handle, StreamWrite write, List<RejectedRecord> rejected) {
        String[] externalIds = new String[rejected.size()];
        String[] payloads = new String[rejected.size()];
        String[] reasons = new String[rejected.size()];
        for (int i = 0; i < rejected.size(); i++) {
            externalIds[i] = rejected.get(i).externalId();
            payloads[i] = rejected.get(i).rawPayload().replace("\u0000", "");
            reasons[i] = rejected.get(i).reason();
        }
        handle.createUpdate(DEAD_LETTERS)
                .bind("connectionId", write.connectionId()).bind("runId", write.runId()).bind("stream", write.stream())
                .bind("externalIds", externalIds).bind("payloads", payloads).bind("reasons", reasons)
                .execute();
    }

    private static Optional<RunStatus> heartbeat(Handle handle, long runId, String node) {
        return handle.createQuery(HEARTBEAT)
                .bind("runId", runId).bind("node", node)
                .mapTo(RunStatus.class)
                .findOne();
    }

    /** Upserts the records; answers {@code i}, {@code u} or {@code s} per row written (see {@link #UPSERT}). */
    private static List<String> upsert(Handle handle, StreamWrite write, Collection<Record> records) {
        if (records.isEmpty()) {
            return List.of();
        }
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
                .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                .bind("runId", write.runId()).bind("scanId", write.scanId())
                .bind("externalIds", externalIds).bind("payloads", payloads)
                .bind("sourceUpdatedAts", sourceUpdatedAts)
                .mapTo(String.class)
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
}
