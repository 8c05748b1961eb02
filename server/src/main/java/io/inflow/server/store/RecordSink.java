package io.inflow.server.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores batches of records: an idempotent upsert keyed by (connection, stream, external id), the checkpoint
 * that follows the batch, and the run's counts, all in one transaction.
 *
 * <p>Each record carries the md5 of its payload's canonical {@code jsonb} text, computed on the reading thread
 * ({@link JsonbDigest}), so only records that are new or whose content changed are written, and the counts are
 * exact. A group of records is first looked up by id (unless the stream held none of them when the read began):
 * unchanged records are only counted, and their ids noted in {@code scan_seen} when the scan reconciles; new ones
 * go in by binary {@code COPY} ({@link RecordCopy}); changed or deleted ones through the upsert, whose
 * {@code RETURNING (xmax = 0)} tells an insert from an update. A re-import of unchanged data sends no payload and
 * rewrites no record.
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
            SELECT :connectionId, :stream, t.external_id, t.payload, t.content_hash,
                   t.source_updated_at::timestamptz, :runId, :runId, :scanId
            FROM unnest(:externalIds::text[], :payloads::jsonb[], :contentHashes::uuid[], :sourceUpdatedAts::text[])
                 AS t(external_id, payload, content_hash, source_updated_at)
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

    /** A record the completed scan saw: it wrote it (stamped with the scan) or noted its id in scan_seen. */
    private static final String NOT_SEEN = """
            last_seen_scan IS DISTINCT FROM :scanId
               AND NOT EXISTS (SELECT 1 FROM scan_seen s
                                WHERE s.connection_id = :connectionId AND s.stream = :stream
                                  AND s.scan_id = :scanId AND s.external_id = records.external_id)
            """;

    /** Marks deleted every record of the stream the completed scan did not see. */
    private static final String RECONCILE_SOFT = """
            UPDATE records SET deleted_at = now(), deleted_by_run = :runId
             WHERE connection_id = :connectionId AND stream = :stream AND deleted_at IS NULL
               AND\s""" + NOT_SEEN;

    /** Removes every record of the stream the completed scan did not see; counts those not marked deleted already. */
    private static final String RECONCILE_HARD = """
            WITH removed AS (
                DELETE FROM records
                 WHERE connection_id = :connectionId AND stream = :stream
                   AND\s""" + NOT_SEEN + """
                RETURNING deleted_at)
            SELECT count(*) FILTER (WHERE deleted_at IS NULL) FROM removed
            """;

    /**
     * Notes ids the reconciling scan saw without writing their records: unchanged records, and records it read but
     * could not store (dead letters: a record the upstream still holds, however malformed today, is not deleted).
     */
    private static final String NOTE_SEEN = """
            INSERT INTO scan_seen (connection_id, stream, scan_id, external_id)
            SELECT :connectionId, :stream, :scanId, unnest(:externalIds::text[])
            """;

    /** The ids the scan noted, and how many it counted as it noted them (fewer: lost in a database crash). */
    private static final String SEEN_KEPT = """
            SELECT (SELECT count(*) FROM scan_seen
                     WHERE connection_id = :connectionId AND stream = :stream AND scan_id = :scanId) >= c.scan_seen
              FROM checkpoints c WHERE c.connection_id = :connectionId AND c.stream = :stream
            """;

    private static final String FORGET_SEEN = """
            DELETE FROM scan_seen WHERE connection_id = :connectionId AND stream = :stream AND scan_id = :scanId
            """;

    private static final String SAVE_POSITION = """
            INSERT INTO checkpoints (connection_id, stream, position, run_id, updated_at, scan_seen)
            VALUES (:connectionId, :stream, CAST(:position AS jsonb), :runId, now(), :seen)
            ON CONFLICT (connection_id, stream) DO UPDATE
               SET position = EXCLUDED.position, run_id = EXCLUDED.run_id, updated_at = now(),
                   scan_seen = checkpoints.scan_seen + EXCLUDED.scan_seen
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

    /**
     * Of the records a group sends, those stored already: their hash, whether they are marked deleted and whether
     * the reconciling scan stamped them. One index probe per id ({@code = ANY} on the primary key), no payload sent.
     */
    private static final String LOOK_UP = """
            SELECT external_id, content_hash, deleted_at IS NOT NULL AS deleted,
                   last_seen_scan IS NOT DISTINCT FROM :scanId AS seen
              FROM records
             WHERE connection_id = :connectionId AND stream = :stream AND external_id = ANY(:externalIds::text[])
            """;

    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final CheckpointCodec checkpoints;
    private final ObjectMapper json;

    public RecordSink(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.checkpoints = new CheckpointCodec(json);
        this.json = json;
    }

    /** What makes one read's batches ready to store, on its reading thread. */
    public StorableBatches preparer() {
        return new StorableBatches(new JsonbDigest(json.getFactory()), checkpoints);
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

    /** Stores consecutive batches of one stream in one transaction, as {@link #commit(StreamWrite, List, StreamLoad)}. */
    public CommitOutcome commit(StreamWrite write, List<Batch> batches) {
        StorableBatches storable = preparer();
        return commit(write, batches.stream().map(batch -> storable.of(write.stream(), batch)).toList(),
                new StreamLoad());
    }

    /**
     * Stores consecutive batches of one stream in one transaction, as if each were committed in turn: their
     * records, their rejected records, the deletions they report, the last batch's checkpoint and the counts. One
     * transaction for several pages costs one heartbeat, one checkpoint write and one commit (fsync) instead of
     * one each per page.
     *
     * <p>How the records go in depends on what {@code load} knows: into a stream that cannot hold them yet, by
     * {@code COPY}; otherwise they are looked up by id first, unchanged ones are only counted (and noted in
     * {@code scan_seen} when the scan reconciles), new ones copied, changed or deleted ones upserted.
     *
     * @throws RunNotOwnedException when the run is no longer running on this node; nothing is stored
     */
    public CommitOutcome commit(StreamWrite write, List<StorableBatch> batches, StreamLoad load) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("no batch to store");
        }
        List<RejectedRecord> rejected = new ArrayList<>();
        for (StorableBatch batch : batches) {
            rejected.addAll(batch.rejected());
        }
        boolean reportsDeletions = batches.stream().anyMatch(batch -> !batch.deleted().isEmpty());
        // a batch's deletions apply after its records and before the next batch's: merged, they could not
        List<List<StorableRecord>> statements = reportsDeletions
                ? batches.stream().map(StorableBatch::records).toList()
                : mergedWhenDistinct(batches);
        String position = batches.get(batches.size() - 1).position();
        return jdbi.inTransaction(handle -> {
            RunStatus status = heartbeat(handle, write.runId(), write.node())
                    .orElseThrow(() -> new RunNotOwnedException(write.runId(), write.node()));
            Written written = new Written();
            for (int i = 0; i < statements.size(); i++) {
                store(handle, write, statements.get(i), load, written);
                if (reportsDeletions) {
                    written.deleted += delete(handle, write, batches.get(i).deleted());
                }
            }
            if (!rejected.isEmpty()) {
                deadLetters(handle, write, rejected);
                written.seen += noteSeen(handle, write, rejected.stream().map(RejectedRecord::externalId)
                        .filter(Objects::nonNull).distinct().toList());
            }
            handle.createUpdate(SAVE_POSITION)
                    .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                    .bind("position", position).bind("runId", write.runId()).bind("seen", written.seen)
                    .execute();
            CommitOutcome outcome = new CommitOutcome(written.inserted, written.updated, written.unchanged,
                    rejected.size(), written.deleted, status == RunStatus.CANCELLING);
            count(handle, write, outcome, batches.size());
            return outcome;
        });
    }

    /** What a transaction's statements did, record by record. */
    private static final class Written {
        int inserted;
        int updated;
        int unchanged;
        int deleted;
        /** Ids noted in scan_seen. */
        int seen;
    }

    private static void store(Handle handle, StreamWrite write, List<StorableRecord> records, StreamLoad load,
                              Written written) {
        if (records.isEmpty()) {
            return;
        }
        if (!load.mayHoldSent(handle, write)) {
            if (copied(handle, write, records)) {
                written.inserted += records.size();
                return;
            }
            load.foundStored();
        }
        Map<String, Stored> stored = lookUp(handle, write, records);
        List<StorableRecord> fresh = new ArrayList<>();
        List<StorableRecord> changed = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (StorableRecord record : records) {
            Stored found = stored.get(record.externalId());
            if (found == null) {
                fresh.add(record);
            } else if (found.deleted() || !found.contentHash().equals(record.contentHash())) {
                changed.add(record);
            } else {
                written.unchanged++;
                if (!found.seen()) {
                    seen.add(record.externalId());
                }
            }
        }
        if (!fresh.isEmpty() && copied(handle, write, fresh)) {
            written.inserted += fresh.size();
        } else {
            changed.addAll(fresh);
        }
        for (String outcome : upsert(handle, write, changed)) {
            if (outcome.equals("i")) {
                written.inserted++;
            } else if (outcome.equals("u")) {
                written.updated++;
            } else {
                written.unchanged++;
            }
        }
        written.seen += noteSeen(handle, write, seen);
    }

    /** Notes the ids in scan_seen when the read is a reconciling scan's; answers how many it noted. */
    private static int noteSeen(Handle handle, StreamWrite write, List<String> externalIds) {
        if (write.scanId() == null || externalIds.isEmpty()) {
            return 0;
        }
        return handle.createUpdate(NOTE_SEEN)
                .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                .bind("scanId", write.scanId()).bind("externalIds", externalIds.toArray(String[]::new))
                .execute();
    }

    /** A stored record, as {@link #LOOK_UP} finds it. */
    private record Stored(UUID contentHash, boolean deleted, boolean seen) {
    }

    private static Map<String, Stored> lookUp(Handle handle, StreamWrite write, List<StorableRecord> records) {
        String[] ids = new String[records.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = records.get(i).externalId();
        }
        Map<String, Stored> stored = new HashMap<>(ids.length * 2);
        handle.createQuery(LOOK_UP)
                .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                .bind("scanId", write.scanId()).bind("externalIds", ids)
                .map((rs, ctx) -> stored.put(rs.getString(1),
                        new Stored(rs.getObject(2, UUID.class), rs.getBoolean(3), rs.getBoolean(4))))
                .forEach(ignored -> { });
        return stored;
    }

    /**
     * Copies records believed new, in a savepoint: false, with nothing written, when one was stored already (an
     * id sent twice by the upstream, or stored since it was looked up).
     */
    private static boolean copied(Handle handle, StreamWrite write, List<StorableRecord> records) {
        String savepoint = "copy_records";
        handle.savepoint(savepoint);
        try {
            RecordCopy.copy(handle, write, records);
            handle.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new org.jdbi.v3.core.ConnectionException(e);
            }
            handle.rollbackToSavepoint(savepoint);
            return false;
        }
    }

    /**
     * Ends a reconciling scan's stream, in the transaction that completes the scan: every record of the stream
     * the scan did not see is marked deleted by the run (or removed, when the connection deletes hard), and
     * counted in the run's stream; the ids the scan noted are forgotten.
     *
     * @return the records deleted; empty, deleting nothing, when the ids the scan noted were lost (PostgreSQL
     *         empties unlogged tables after a crash), since what it saw is then unknown
     */
    public static OptionalInt reconcile(Handle handle, StreamWrite write) {
        if (write.scanId() == null) {
            throw new IllegalArgumentException("stream " + write.stream() + " of run " + write.runId()
                    + " is not read by a reconciling scan");
        }
        boolean kept = handle.createQuery(SEEN_KEPT).bind("connectionId", write.connectionId())
                .bind("stream", write.stream()).bind("scanId", write.scanId()).mapTo(Boolean.class).findOne()
                .orElse(true);
        OptionalInt deleted = OptionalInt.empty();
        if (kept) {
            // scan_seen has no statistics (nothing analyzes it between a scan's inserts and its end) and a generic
            // plan guesses one record for the stream: the planner then picks a nested loop that reads every noted
            // id once per record (hours at 200,000). A hash anti-join reads each side once: 0.3 s at 200,000.
            handle.execute("SET LOCAL enable_nestloop = off");
            int count = write.deletes() == Deletes.HARD
                    ? handle.createQuery(RECONCILE_HARD).bind("connectionId", write.connectionId())
                            .bind("stream", write.stream()).bind("scanId", write.scanId()).mapTo(Integer.class).one()
                    : handle.createUpdate(RECONCILE_SOFT).bind("connectionId", write.connectionId())
                            .bind("stream", write.stream()).bind("scanId", write.scanId())
                            .bind("runId", write.runId()).execute();
            handle.execute("RESET enable_nestloop");
            count(handle, write, new CommitOutcome(0, 0, 0, 0, count, false), 0);
            deleted = OptionalInt.of(count);
        }
        handle.createUpdate(FORGET_SEEN).bind("connectionId", write.connectionId()).bind("stream", write.stream())
                .bind("scanId", write.scanId()).execute();
        return deleted;
    }

    /**
     * Marks a stream read to its end by its run, and its scan complete, in one transaction; a scan that reconciles
     * marks deleted (or removes), in the same transaction, what it did not see (see {@link #reconcile}).
     *
     * @return the records the reconciliation deleted: 0 when the scan does not reconcile, empty when it could not
     */
    public OptionalInt completeStream(StreamWrite write) {
        return jdbi.inTransaction(handle -> {
            OptionalInt reconciled = write.scanId() == null ? OptionalInt.of(0) : reconcile(handle, write);
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
     * The batches' records as one statement when no id appears in two of them, so each record is counted exactly
     * as page-by-page commits would count it; otherwise one statement per batch, in order.
     */
    private static List<List<StorableRecord>> mergedWhenDistinct(List<StorableBatch> batches) {
        if (batches.size() == 1) {
            return List.of(batches.get(0).records());
        }
        Set<String> ids = new HashSet<>();
        List<StorableRecord> merged = new ArrayList<>();
        for (StorableBatch batch : batches) {
            for (StorableRecord record : batch.records()) {
                if (!ids.add(record.externalId())) {
                    return batches.stream().map(StorableBatch::records).toList();
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
        StorableRecord storable;
        try {
            storable = preparer().of(record);
        } catch (JsonbDigest.UnstorablePayloadException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return jdbi.inTransaction(handle -> {
            List<String> outcomes = upsert(handle,
                    StreamWrite.of(letter.connectionId(), letter.runId(), null, letter.stream()), List.of(storable));
            handle.attach(DeadLetterDao.class).markReplayed(letter.id());
            int inserted = outcomes.contains("i") ? 1 : 0;
            int updated = outcomes.contains("u") ? 1 : 0;
            return new CommitOutcome(inserted, updated, 1 - inserted - updated, 0, 0, false);
        });
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
    private static List<String> upsert(Handle handle, StreamWrite write, List<StorableRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        String[] externalIds = new String[records.size()];
        String[] payloads = new String[records.size()];
        UUID[] hashes = new UUID[records.size()];
        String[] sourceUpdatedAts = new String[records.size()];
        for (int i = 0; i < externalIds.length; i++) {
            StorableRecord record = records.get(i);
            externalIds[i] = record.externalId();
            payloads[i] = record.payload();
            hashes[i] = record.contentHash();
            sourceUpdatedAts[i] = record.sourceUpdatedAt() == null ? null : record.sourceUpdatedAt().toString();
        }
        return handle.createQuery(UPSERT)
                .bind("connectionId", write.connectionId()).bind("stream", write.stream())
                .bind("runId", write.runId()).bind("scanId", write.scanId())
                .bind("externalIds", externalIds).bind("payloads", payloads).bind("contentHashes", hashes)
                .bind("sourceUpdatedAts", sourceUpdatedAts)
                .mapTo(String.class)
                .list();
    }
}
