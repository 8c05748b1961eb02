package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link RunReads}: runs with their streams in one statement, row for row what {@link ImportRunDao#find} and
 * {@link ImportRunDao#streams} read one table at a time, so that the API's answers stay the same.
 */
class RunReadsTest {

    private static final String NODE = "node-a";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final RunReads reads = new RunReads(database.dataSource());

    @Test
    void aRunWithoutStreamsIsReadWithNone() {
        long connection = connection("no-streams");
        long run = database.runs().insertRun(new NewRun(connection, RunTrigger.MANUAL, RunMode.FULL, null, "alice",
                null, null, List.of()));

        assertThat(reads.find(run)).contains(readTableByTable(run));
        assertThat(reads.find(run).orElseThrow().streams()).isEmpty();
    }

    @Test
    void aRunWithOneStreamIsReadAsTheTwoTablesHoldIt() {
        long run = queue(connection("one-stream"), "clients");

        assertThat(reads.find(run)).contains(readTableByTable(run));
        assertThat(reads.find(run).orElseThrow().streams()).extracting(RunStreamRow::stream).containsExactly("clients");
    }

    @Test
    void aRunWithSeveralStreamsInEveryStateIsReadAsTheTwoTablesHoldItInTheStreamsOrder() {
        long connection = connection("several-streams");
        long first = queue(connection, "clients");
        database.runs().start(first, NODE);
        database.runs().finish(first, RunStatus.FAILED, "upstream answered 500");
        long run = database.runs().insertQueued(new NewRun(connection, RunTrigger.RESUME, RunMode.INCREMENTAL,
                "after the outage", "bob", first, Instant.parse("2024-05-01T06:00:00Z"),
                List.of("visits", "clients", "sales"), Set.of("sales"))).orElseThrow();
        database.runs().start(run, NODE);
        database.runs().startStream(run, "visits");
        database.runs().estimateTotal(run, "visits", 1200);
        database.runs().finishStream(run, "visits", StreamStatus.SUCCEEDED);
        database.runs().startStream(run, "clients");
        database.runs().estimateTotal(run, "clients", 900);
        database.runs().waiting(run, Instant.now().plus(30, ChronoUnit.SECONDS), "a lock-out of 30 s");
        database.jdbi().useHandle(handle -> {
            handle.execute("UPDATE import_run_streams SET inserted = 1000, updated = 150, unchanged = 40, failed = 10, "
                    + "deleted = 3, batches = 12 WHERE run_id = ? AND stream = 'visits'", run);
            handle.execute("UPDATE import_run_streams SET inserted = 7, batches = 1 WHERE run_id = ? "
                    + "AND stream = 'clients'", run);
            // as runs recorded before streams had a mode
            handle.execute("UPDATE import_run_streams SET mode = NULL WHERE run_id = ? AND stream = 'clients'", run);
        });

        RunWithStreams read = reads.find(run).orElseThrow();

        assertThat(read).isEqualTo(readTableByTable(run));
        assertThat(read.streams()).extracting(RunStreamRow::stream).containsExactly("visits", "clients", "sales");
        assertThat(read.run().resumedFrom()).isEqualTo(first);
        assertThat(read.run().waitingReason()).isEqualTo("a lock-out of 30 s");
        assertThat(read.streams().get(0).deleted()).isEqualTo(3);
        assertThat(read.streams().get(1).mode()).isNull();
        assertThat(read.streams().get(2).mode()).isEqualTo(RunMode.FULL);
        assertThat(reads.find(first)).contains(readTableByTable(first));
    }

    @Test
    void aRunThatDoesNotExistIsNotFound() {
        assertThat(reads.find(42)).isEmpty();
    }

    @Test
    void aPageHoldsItsLimitOfRunsNewestFirstEachWithAllItsStreams() {
        long connection = connection("paged");
        long oldest = ended(connection, RunStatus.SUCCEEDED, "a", "b", "c");
        long middle = ended(connection, RunStatus.FAILED, "a", "b", "c");
        long newest = ended(connection, RunStatus.SUCCEEDED, "a", "b", "c");
        long other = ended(connection("other"), RunStatus.SUCCEEDED, "x");

        List<RunWithStreams> page = reads.list(new RunQuery(connection, null, null, null, null, 2));

        assertThat(page).containsExactly(readTableByTable(newest), readTableByTable(middle));
        assertThat(reads.list(new RunQuery(connection, null, null, null, middle, 10)))
                .containsExactly(readTableByTable(oldest));
        assertThat(reads.list(new RunQuery(null, RunStatus.SUCCEEDED, RunTrigger.MANUAL,
                Instant.now().minus(1, ChronoUnit.HOURS), null, 10)))
                .containsExactly(readTableByTable(other), readTableByTable(newest), readTableByTable(oldest));
        assertThat(reads.list(new RunQuery(null, RunStatus.RUNNING, null, null, null, 10))).isEmpty();
    }

    @Test
    void theActiveRunsAreReadOldestFirstWithTheirStreams() {
        long endedRun = ended(connection("ended"), RunStatus.SUCCEEDED, "a");
        long queued = queue(connection("queued"), "a", "b");
        long running = queue(connection("running"), "c");
        database.runs().start(running, NODE);

        assertThat(reads.active()).containsExactly(readTableByTable(queued), readTableByTable(running));
        assertThat(reads.active()).extracting(read -> read.run().id()).doesNotContain(endedRun);
    }

    @Test
    void theLastEndedRunOfEachConnectionIsReadByConnectionWithItsStreams() {
        long first = connection("first");
        long second = connection("second");
        ended(second, RunStatus.FAILED, "a");
        long secondLast = ended(second, RunStatus.SUCCEEDED, "a", "b");
        long firstLast = ended(first, RunStatus.CANCELLED, "z");
        queue(first, "z");

        assertThat(reads.lastEndedPerConnection())
                .containsExactly(readTableByTable(firstLast), readTableByTable(secondLast));
    }

    /** What the API read before: the run, then its streams. */
    private RunWithStreams readTableByTable(long run) {
        return new RunWithStreams(database.runs().find(run).orElseThrow(), database.runs().streams(run));
    }

    private long connection(String name) {
        return database.connections().insert("mindbody", name, "{}");
    }

    private long queue(long connection, String... streams) {
        return database.runs().insertQueued(new NewRun(connection, RunTrigger.MANUAL, RunMode.FULL, null, "alice",
                null, null, List.of(streams))).orElseThrow();
    }

    private long ended(long connection, RunStatus status, String... streams) {
        long run = queue(connection, streams);
        database.runs().start(run, NODE);
        if (status == RunStatus.CANCELLED) {
            database.runs().requestCancel(run);
            database.runs().finish(run, status, null);
        } else {
            for (String stream : streams) {
                database.runs().startStream(run, stream);
                database.runs().finishStream(run, stream, status == RunStatus.SUCCEEDED ? StreamStatus.SUCCEEDED
                        : StreamStatus.FAILED);
            }
            database.runs().finish(run, status, status == RunStatus.FAILED ? "it failed" : null);
        }
        return run;
    }
}
