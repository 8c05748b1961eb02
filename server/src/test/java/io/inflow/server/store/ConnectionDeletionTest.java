package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConnectionDao#delete}: one transaction that deletes a connection unless a run of it is active. */
class ConnectionDeletionTest {

    private static final String NODE = "node-a";
    private static final String STREAM = "clients";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private long connectionId;

    @BeforeEach
    void createConnection() {
        connectionId = database.connections().insert("mindbody", "studio", "{}");
    }

    @Test
    void aConnectionThatDoesNotExistIsNotFound() {
        ConnectionDeletion deletion = database.connections().delete(connectionId + 1, false);

        assertThat(deletion.found()).isFalse();
        assertThat(deletion.deleted()).isFalse();
    }

    @Test
    void anActiveRunKeepsItsConnectionAndSaysWhichRunItIs() {
        long run = startRun();

        ConnectionDeletion deletion = database.connections().delete(connectionId, true);

        assertThat(deletion).isEqualTo(new ConnectionDeletion(true, run));
        assertThat(database.connections().find(connectionId)).isPresent();
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(1);
    }

    @Test
    void aDeletionKeepsTheRecordsAndDropsTheState() {
        finish(startRun());
        database.states().of(connectionId).put("token", "secret");

        ConnectionDeletion deletion = database.connections().delete(connectionId, false);

        assertThat(deletion.deleted()).isTrue();
        assertThat(database.connections().find(connectionId)).isEmpty();
        assertThat(count("SELECT count(*) FROM connection_state")).isZero();
        assertThat(count("SELECT count(*) FROM records")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM checkpoints")).isEqualTo(1);
        assertThat(database.connections().delete(connectionId, false).found()).isFalse();
    }

    @Test
    void aPurgeAlsoDeletesWhatWasImported() {
        finish(startRun());

        assertThat(database.connections().delete(connectionId, true).deleted()).isTrue();

        assertThat(count("SELECT count(*) FROM records")).isZero();
        assertThat(count("SELECT count(*) FROM checkpoints")).isZero();
        assertThat(count("SELECT count(*) FROM import_runs")).isEqualTo(1);
    }

    /** A running run that stored one record and its checkpoint. */
    private long startRun() {
        long id = database.runs().insertQueued(new NewRun(connectionId, RunTrigger.MANUAL, RunMode.FULL, null,
                "test", null, null, List.of(STREAM))).orElseThrow();
        database.runs().start(id, NODE);
        database.sink().commit(StreamWrite.of(connectionId, id, NODE, STREAM),
                new Batch(List.of(new Record(STREAM, "c1", "{\"name\":\"Ada\"}", null)), Checkpoint.of("page", "1")));
        return id;
    }

    private void finish(long run) {
        database.runs().finish(run, RunStatus.SUCCEEDED, null);
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }
}
