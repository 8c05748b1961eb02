package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.api.record.RejectedRecord;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RecordSinkTest {

    private static final String NODE = "node-a";
    private static final String STREAM = "Conversations";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private long connectionId;
    private long runId;

    @BeforeEach
    void createConnectionAndRun() {
        connectionId = database.connections().insert("airtable", "clinic", "{}");
        runId = startRun();
    }

    @Test
    void newRecordsAreInsertedAndCounted() {
        CommitOutcome outcome = commit(runId, batch(records(0, 3, "v1"), "page-1"));

        assertThat(outcome).isEqualTo(new CommitOutcome(3, 0, 0, 0, 0, false));
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(3);
        assertThat(streamRow(runId)).extracting(RunStreamRow::inserted, RunStreamRow::batches).containsExactly(3L, 1L);
    }

    @Test
    void reimportingUnchangedRecordsWritesNothing() {
        commit(runId, batch(records(0, 3, "v1"), "page-1"));
        long tuplesBefore = count("SELECT sum(xmin::text::bigint) FROM records");
        finish(runId);
        long secondRun = startRun();

        CommitOutcome outcome = commit(secondRun, batch(records(0, 3, "v1"), "page-1"));

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 0, 3, 0, 0, false));
        assertThat(count("SELECT sum(xmin::text::bigint) FROM records")).isEqualTo(tuplesBefore);
        assertThat(count("SELECT count(*) FROM records WHERE updated_by_run = " + secondRun)).isZero();
    }

    @Test
    void aChangedPayloadIsUpdatedAndTheOthersAreLeftAlone() {
        commit(runId, batch(records(0, 3, "v1"), "page-1"));
        finish(runId);
        long secondRun = startRun();
        List<Record> changed = List.of(records(0, 1, "v1").get(0), records(1, 2, "v2").get(0), records(2, 3, "v1").get(0));

        CommitOutcome outcome = commit(secondRun, batch(changed, "page-1"));

        assertThat(outcome).isEqualTo(new CommitOutcome(0, 1, 2, 0, 0, false));
        assertThat(count("SELECT count(*) FROM records WHERE updated_by_run = " + secondRun)).isEqualTo(1);
    }

    @Test
    void keyOrderAndWhitespaceDoNotMakeARecordChanged() {
        commit(runId, batch(List.of(new Record(STREAM, "rec1", "{\"a\":1,\"b\":\"x\"}", null)), "p"));

        CommitOutcome outcome = commit(runId, batch(List.of(new Record(STREAM, "rec1", "{ \"b\": \"x\", \"a\": 1 }", null)), "p"));

        assertThat(outcome.unchanged()).isEqualTo(1);
    }

    @Test
    void theLaterOfTwoRecordsWithOneIdInABatchWins() {
        List<Record> records = List.of(new Record(STREAM, "rec1", "{\"v\":1}", null),
                new Record(STREAM, "rec1", "{\"v\":2}", null));

        CommitOutcome outcome = commit(runId, batch(records, "p"));

        assertThat(outcome.inserted()).isEqualTo(1);
        String stored = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT payload->>'v' FROM records WHERE external_id = 'rec1'").mapTo(String.class).one());
        assertThat(stored).isEqualTo("2");
    }

    @Test
    void theCheckpointIsStoredWithItsBatch() {
        commit(runId, batch(records(0, 3, "v1"), "page-2"));

        assertThat(database.checkpoints().find(connectionId, STREAM))
                .get().extracting(CheckpointRow::position).isEqualTo("{\"offset\": \"page-2\"}");
    }

    @Test
    void aRecordPostgresCannotStoreBecomesADeadLetterAndTheRestOfItsBatchIsStored() {
        List<Record> mixed = List.of(new Record(STREAM, "rec9", "{\"fine\":true}", null),
                new Record(STREAM, "rec10", "this is not JSON", null),
                new Record(STREAM, "rec11", "{\"nul\":\"a\\u0000b\"}", null));

        CommitOutcome outcome = commit(runId, batch(mixed, "page-2"));

        assertThat(outcome).isEqualTo(new CommitOutcome(1, 0, 0, 2, 0, false));
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM dead_letters WHERE external_id IN ('rec10', 'rec11')")).isEqualTo(2);
        String payload = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT payload FROM dead_letters WHERE external_id = 'rec10'").mapTo(String.class).one());
        assertThat(payload).isEqualTo("this is not JSON");
        assertThat(streamRow(runId).failed()).isEqualTo(2);
        assertThat(database.checkpoints().find(connectionId, STREAM))
                .get().extracting(CheckpointRow::position).isEqualTo("{\"offset\": \"page-2\"}");
    }

    @Test
    void recordsTheConnectorRejectedAreKeptWithTheirReasonInTheSameTransaction() {
        Batch withRejects = new Batch(records(0, 2, "v1"),
                List.of(new RejectedRecord(STREAM, "rec7", "{\"fields\":\"#corrupted#\"}", "fields is not an object")),
                Checkpoint.of("offset", "page-1"));

        CommitOutcome outcome = commit(runId, withRejects);

        assertThat(outcome.failed()).isEqualTo(1);
        DeadLetterRow letter = database.deadLetters().list(connectionId, runId, false, null, 10).get(0);
        assertThat(letter.reason()).isEqualTo("fields is not an object");
        assertThat(letter.payload()).isEqualTo("{\"fields\":\"#corrupted#\"}");
        assertThat(letter.externalId()).isEqualTo("rec7");
    }

    @Test
    void aReplayedRecordGoesThroughTheSameUpsertAndClosesItsLetter() {
        commit(runId, new Batch(List.of(), List.of(new RejectedRecord(STREAM, "rec7", "broken", "bad")),
                Checkpoint.of("offset", "p")));
        DeadLetterRow letter = database.deadLetters().openOfRun(runId).get(0);

        CommitOutcome outcome = database.sink().replay(letter, new Record(STREAM, "rec7", "{\"ok\":1}", null));

        assertThat(outcome.inserted()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE external_id = 'rec7'")).isEqualTo(1);
        assertThat(database.deadLetters().openCount(connectionId)).isZero();
    }

    @Test
    void aNodeThatNoLongerOwnsTheRunCannotStoreAnything() {
        database.runs().interrupt(runId, "its node died");

        assertThatThrownBy(() -> commit(runId, batch(records(0, 2, "v1"), "page-1")))
                .isInstanceOf(RunNotOwnedException.class);
        assertThat(count("SELECT count(*) FROM records")).isZero();
        assertThat(database.checkpoints().find(connectionId, STREAM)).isEmpty();
    }

    @Test
    void aCancelledRunIsToldSoAfterItsBatchIsStored() {
        database.jdbi().useHandle(handle -> handle.execute("UPDATE import_runs SET status = 'cancelling' WHERE id = ?", runId));

        CommitOutcome outcome = commit(runId, batch(records(0, 2, "v1"), "page-1"));

        assertThat(outcome.cancelRequested()).isTrue();
        assertThat(outcome.inserted()).isEqualTo(2);
    }

    @Test
    void aReadIntoAnEmptyStreamCopiesAndAnIdItSendsTwiceFallsBackToTheUpsertWithExactCounts() {
        StreamWrite write = StreamWrite.of(connectionId, runId, NODE, STREAM);
        StreamLoad load = new StreamLoad();
        StorableBatches storable = database.sink().preparer();

        CommitOutcome first = database.sink().commit(write,
                List.of(storable.of(STREAM, batch(records(0, 3, "v1"), "page-1"))), load);
        // the upstream sends rec2 again (a record moved during the scan), changed, with two new ones
        List<Record> again = new java.util.ArrayList<>(records(2, 5, "v1"));
        again.set(0, records(2, 3, "v2").get(0));
        CommitOutcome second = database.sink().commit(write, List.of(storable.of(STREAM, batch(again, "page-2"))), load);
        CommitOutcome third = database.sink().commit(write,
                List.of(storable.of(STREAM, batch(records(4, 6, "v1"), "page-3"))), load);

        assertThat(first).isEqualTo(new CommitOutcome(3, 0, 0, 0, 0, false));
        assertThat(second).isEqualTo(new CommitOutcome(2, 1, 0, 0, 0, false));
        assertThat(third).as("looked up once a sent id was found stored").isEqualTo(new CommitOutcome(1, 0, 1, 0, 0, false));
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM records WHERE payload->>'version' = 'v2' AND external_id = 'rec2'"))
                .isEqualTo(1);
        assertThat(streamRow(runId)).extracting(RunStreamRow::inserted, RunStreamRow::updated, RunStreamRow::unchanged)
                .containsExactly(6L, 1L, 1L);
    }

    @Test
    void copiedAndUpsertedRecordsAreStoredAlikeToTheMicrosecondAndHashedAsPostgresHashes() {
        Instant at = Instant.parse("2024-05-06T07:08:09.123456789Z");
        Instant half = Instant.parse("2024-05-06T07:08:09.0000025Z");
        List<Record> copied = List.of(new Record(STREAM, "a", "{\"k\": [1.50, \"é\"]}", at),
                new Record(STREAM, "b", "{}", half), new Record(STREAM, "c", "{}", null));
        commit(runId, batch(copied, "p1"));
        // the same instants through PostgreSQL's own reading of their text
        assertThat(count("SELECT count(*) FROM records WHERE external_id = 'a' AND source_updated_at = '"
                + at + "'::timestamptz")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE external_id = 'b' AND source_updated_at = '"
                + half + "'::timestamptz")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE external_id = 'c' AND source_updated_at IS NULL"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM records WHERE content_hash = md5(payload::text)::uuid")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM records WHERE inserted_by_run = " + runId
                + " AND updated_by_run = " + runId + " AND last_seen_scan IS NULL")).isEqualTo(3);
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

    private CommitOutcome commit(long run, Batch batch) {
        return database.sink().commit(StreamWrite.of(connectionId, run, NODE, STREAM), batch);
    }

    private RunStreamRow streamRow(long run) {
        return database.runs().streams(run).get(0);
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private static Batch batch(List<Record> records, String offset) {
        return new Batch(records, Checkpoint.of("offset", offset));
    }

    private static List<Record> records(int from, int to, String version) {
        return IntStream.range(from, to)
                .mapToObj(i -> new Record(STREAM, "rec" + i, "{\"n\":" + i + ",\"version\":\"" + version + "\"}",
                        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i)))
                .toList();
    }
}
