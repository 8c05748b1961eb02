package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What {@link RecordSink} does with deletions: a reconciling scan's stamps and the set-based reconcile at its end,
 * the deletions a batch reports, soft and hard, and the restore of a record that comes back.
 */
class RecordDeletionsTest {

    private static final String NODE = "node-a";
    private static final String STREAM = "Conversations";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private long connectionId;

    @BeforeEach
    void createConnection() {
        connectionId = database.connections().insert("airtable", "clinic", "{}");
    }

    @Test
    void aCompletedScanMarksDeletedWhatItDidNotSeeAndCountsIt() {
        completedScan(records(0, 10, "v1"));
        long second = startRun();
        StreamWrite secondScan = scan(second, second, Deletes.SOFT);

        CommitOutcome seen = commit(secondScan, records(0, 7, "v1"));
        int deleted = reconcile(secondScan);

        assertThat(seen).isEqualTo(new CommitOutcome(0, 0, 7, 0, 0, false));
        assertThat(deleted).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NULL")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM records WHERE deleted_by_run = " + second + " AND deleted_at IS NOT NULL"
                + " AND external_id IN ('rec7', 'rec8', 'rec9')")).isEqualTo(3);
        assertThat(streamRow(second).deleted()).isEqualTo(3);
        assertThat(database.recordCounts().count(connectionId, STREAM)).isEqualTo(7);
    }

    @Test
    void aScanContinuedByAnotherRunKeepsWhatItsFirstPartSaw() {
        completedScan(records(0, 10, "v1"));
        long interrupted = startRun();
        commit(scan(interrupted, interrupted, Deletes.SOFT), records(0, 5, "v1"));
        finish(interrupted);
        long resumed = startRun();
        StreamWrite continued = scan(resumed, interrupted, Deletes.SOFT);

        commit(continued, records(5, 9, "v1"));
        int deleted = reconcile(continued);

        assertThat(deleted).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL AND external_id = 'rec9'"))
                .isEqualTo(1);
    }

    @Test
    void aRecordThatComesBackIsRestoredAndCountedUpdatedEvenWithItsOldContent() {
        long first = startRun();
        commit(scan(first, first, Deletes.SOFT), records(0, 3, "v1"));
        finish(first);
        long second = startRun();
        commit(scan(second, second, Deletes.SOFT), records(0, 2, "v1"));
        reconcile(scan(second, second, Deletes.SOFT));
        finish(second);
        long third = startRun();

        CommitOutcome outcome = commit(scan(third, third, Deletes.SOFT), records(0, 3, "v1"));

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 1, 2, 0, 0, false));
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NULL AND deleted_by_run IS NULL")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM records WHERE external_id = 'rec2' AND updated_by_run = " + third))
                .isEqualTo(1);
    }

    @Test
    void aRecordTheScanReadButCouldNotStoreIsSeenNotDeleted() {
        completedScan(records(0, 3, "v1"));
        long second = startRun();
        StreamWrite secondScan = scan(second, second, Deletes.SOFT);
        RejectedRecord malformed = new RejectedRecord(STREAM, "rec2", "{not json", "not a JSON object");

        CommitOutcome outcome = database.sink().commit(secondScan,
                new Batch(records(0, 2, "v1"), List.of(malformed), Checkpoint.of("offset", "p")));
        int deleted = reconcile(secondScan);

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 0, 2, 1, 0, false));
        assertThat(deleted).isZero();
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NULL")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE external_id = 'rec2'")).isEqualTo(1);
    }

    @Test
    void aReadThatDoesNotReconcileWritesNothingForUnchangedRecords() {
        long first = startRun();
        commit(StreamWrite.of(connectionId, first, NODE, STREAM), records(0, 5, "v1"));
        finish(first);
        long tuplesBefore = count("SELECT sum(xmin::text::bigint) FROM records");
        long second = startRun();

        CommitOutcome outcome = commit(StreamWrite.of(connectionId, second, NODE, STREAM), records(0, 5, "v1"));

        assertThat(outcome.unchanged()).isEqualTo(5);
        assertThat(count("SELECT sum(xmin::text::bigint) FROM records")).isEqualTo(tuplesBefore);
    }

    @Test
    void deletionsABatchReportsAreMarkedOnceAndApplyAfterItsRecords() {
        long run = startRun();
        StreamWrite write = StreamWrite.of(connectionId, run, NODE, STREAM);
        commit(write, records(0, 5, "v1"));

        CommitOutcome outcome = database.sink().commit(write, new Batch(records(5, 6, "v1"),
                Checkpoint.of("offset", "p2")).withDeleted(List.of("rec1", "rec5", "rec-never-stored")));
        CommitOutcome again = database.sink().commit(write,
                new Batch(List.of(), Checkpoint.of("offset", "p3")).withDeleted(List.of("rec1")));

        assertThat(outcome).isEqualTo(new CommitOutcome(1, 0, 0, 0, 2, false));
        assertThat(again.deleted()).isZero();
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL")).isEqualTo(2);
        assertThat(streamRow(run).deleted()).isEqualTo(2);
    }

    @Test
    void batchesStoredInOneTransactionApplyTheirDeletionsInTurn() {
        long run = startRun();
        StreamWrite write = StreamWrite.of(connectionId, run, NODE, STREAM);
        commit(write, records(0, 3, "v1"));

        CommitOutcome outcome = database.sink().commit(write, List.of(
                new Batch(List.of(), Checkpoint.of("offset", "p2")).withDeleted(List.of("rec1")),
                new Batch(records(1, 2, "v1"), Checkpoint.of("offset", "p3"))));

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 1, 0, 0, 1, false));
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NULL")).isEqualTo(3);
    }

    @Test
    void aConnectionThatDeletesHardRemovesTheRows() {
        long first = startRun();
        commit(scan(first, first, Deletes.HARD), records(0, 6, "v1"));
        finish(first);
        long second = startRun();
        StreamWrite write = scan(second, second, Deletes.HARD);

        CommitOutcome reported = database.sink().commit(write,
                new Batch(records(0, 4, "v1"), Checkpoint.of("offset", "p")).withDeleted(List.of("rec3")));
        int reconciled = reconcile(write);

        assertThat(reported.deleted()).isEqualTo(1);
        assertThat(reconciled).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(3);
        assertThat(streamRow(second).deleted()).isEqualTo(3);
    }

    @Test
    void aReconcilingScanRewritesNoUnchangedRecordAndForgetsWhatItNotedOnceItEnds() {
        completedScan(records(0, 6, "v1"));
        long tuplesBefore = count("SELECT sum(xmin::text::bigint) FROM records");
        long second = startRun();
        StreamWrite secondScan = scan(second, second, Deletes.SOFT);

        CommitOutcome outcome = commit(secondScan, records(0, 5, "v1"));

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 0, 5, 0, 0, false));
        assertThat(count("SELECT sum(xmin::text::bigint) FROM records")).as("no row rewritten").isEqualTo(tuplesBefore);
        assertThat(count("SELECT count(*) FROM scan_seen WHERE scan_id = " + second)).isEqualTo(5);
        assertThat(count("SELECT scan_seen FROM checkpoints WHERE connection_id = " + connectionId)).isEqualTo(5);
        assertThat(reconcile(secondScan)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM scan_seen")).isZero();
    }

    @Test
    void aScanWhoseNotedIdsWereLostInACrashDeletesNothing() {
        completedScan(records(0, 6, "v1"));
        long second = startRun();
        StreamWrite secondScan = scan(second, second, Deletes.SOFT);
        commit(secondScan, records(0, 5, "v1"));
        // what PostgreSQL's crash recovery does to an unlogged table
        database.jdbi().useHandle(handle -> handle.execute("TRUNCATE scan_seen"));

        OptionalInt deleted = database.jdbi().inTransaction(handle -> RecordSink.reconcile(handle, secondScan));

        assertThat(deleted).isEmpty();
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL")).isZero();
        assertThat(streamRow(second).deleted()).isZero();
    }

    @Test
    void theReconcileOfALargeScanReadsTheNotedIdsOnceWhateverPlanPostgresCaches() {
        int records = 30_000;
        long first = startRun();
        commit(scan(first, first, Deletes.SOFT), records(0, records, "v1"));
        finish(first);
        long second = startRun();
        StreamWrite secondScan = scan(second, second, Deletes.SOFT);
        commit(secondScan, records(1, records, "v1"));

        // a cached generic plan guesses one record per stream; a nested loop over the noted ids then takes minutes
        OptionalInt deleted = database.jdbi().inTransaction(handle -> {
            handle.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            handle.execute("SET LOCAL statement_timeout = '10s'");
            return RecordSink.reconcile(handle, secondScan);
        });

        assertThat(deleted).hasValue(1);
        assertThat(count("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL AND external_id = 'rec0'"))
                .isEqualTo(1);
    }

    /** A first scan of the stream that stores the records and completes. */
    private void completedScan(List<Record> records) {
        long first = startRun();
        commit(scan(first, first, Deletes.SOFT), records);
        reconcile(scan(first, first, Deletes.SOFT));
        finish(first);
    }

    private StreamWrite scan(long runId, long scanId, Deletes deletes) {
        return new StreamWrite(connectionId, runId, NODE, STREAM, scanId, deletes);
    }

    private CommitOutcome commit(StreamWrite write, List<Record> records) {
        return database.sink().commit(write, new Batch(records, Checkpoint.of("offset", "p")));
    }

    private int reconcile(StreamWrite write) {
        return database.jdbi().inTransaction(handle -> RecordSink.reconcile(handle, write)).orElseThrow();
    }

    private long startRun() {
        long id = database.runs().insertQueued(new NewRun(connectionId, RunTrigger.MANUAL, RunMode.FULL, null,
                "test", null, null, List.of(STREAM))).orElseThrow();
        database.runs().start(id, NODE);
        return id;
    }

    private void finish(long id) {
        database.runs().finish(id, RunStatus.SUCCEEDED, null);
    }

    private RunStreamRow streamRow(long run) {
        return database.runs().streams(run).get(0);
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static List<Record> records(int from, int to, String version) {
        return IntStream.range(from, to)
                .mapToObj(i -> new Record(STREAM, "rec" + i, "{\"n\":" + i + ",\"version\":\"" + version + "\"}", null))
                .toList();
    }
}
