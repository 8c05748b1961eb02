package io.inflow.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inflow.server.jobs.TickingClock;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.RecordCount;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DatabaseProbe} and its {@link RecordCountCache}: the database is asked on every call, the records are
 * counted at most once per period, and a caller never queues behind another one's count once there are counts.
 */
class DatabaseProbeTest {

    private static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final TickingClock clock = new TickingClock(START);
    private final RecordCountCache counts = new RecordCountCache(database.recordCounts(), PERIOD, clock);
    private final DatabaseProbe probe = new DatabaseProbe(counts, database.deadLetters());
    private long connection;
    private long run;

    @BeforeEach
    void createAConnectionWithARun() {
        connection = database.connections().insert("mindbody", "studio", "{}");
        run = database.runs().insertQueued(new NewRun(connection, RunTrigger.MANUAL, RunMode.FULL, null, "alice",
                null, null, List.of("clients", "sales"))).orElseThrow();
    }

    @Test
    void theCountsAreServedFromTheCacheWithinThePeriodAndCountedAgainAfterIt() {
        store("clients", "c1", "c2");

        DatabaseProbe.Answer first = probe.probe();
        store("clients", "c3");
        store("sales", "s1");
        clock.advance(PERIOD.minusSeconds(1));
        DatabaseProbe.Answer cached = probe.probe();
        clock.advance(Duration.ofSeconds(1));
        DatabaseProbe.Answer counted = probe.probe();

        assertThat(first.records()).containsExactly(new RecordCount(connection, "clients", 2));
        assertThat(first.countedAt()).isEqualTo(START);
        assertThat(cached.records()).isEqualTo(first.records());
        assertThat(cached.countedAt()).isEqualTo(START);
        assertThat(counted.records()).containsExactly(new RecordCount(connection, "clients", 3),
                new RecordCount(connection, "sales", 1));
        assertThat(counted.countedAt()).isEqualTo(START.plus(PERIOD));
    }

    @Test
    void theDatabaseIsAskedOnEveryCallWhileTheCountsAreCached() {
        DatabaseProbe.Answer before = probe.probe();
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO dead_letters (connection_id, run_id, stream, "
                + "payload, reason) VALUES (?, ?, 'clients', '{}', 'no id')", connection, run));

        DatabaseProbe.Answer after = probe.probe();

        assertThat(before.openDeadLetters()).isZero();
        assertThat(after.openDeadLetters()).isEqualTo(1);
        assertThat(after.countedAt()).isEqualTo(before.countedAt());
    }

    @Test
    void whileOneCallerCountsAgainTheOthersGetTheLastCountsAtOnce() throws Exception {
        store("clients", "c1");
        RecordCountCache.Counted last = counts.current();
        store("clients", "c2");
        clock.advance(PERIOD);
        // callers of their own: the common pool may have a single thread
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (Handle blocker = database.jdbi().open()) {
            // holds the records table, so that the next count waits until the test lets it go
            blocker.begin();
            blocker.execute("LOCK TABLE records IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<RecordCountCache.Counted> counting = CompletableFuture.supplyAsync(counts::current,
                    callers);
            await().atMost(Duration.ofSeconds(30)).until(this::aCountWaitsForTheLock);

            RecordCountCache.Counted meanwhile = CompletableFuture.supplyAsync(counts::current, callers)
                    .get(30, TimeUnit.SECONDS);

            assertThat(meanwhile).isEqualTo(last);
            assertThat(counting).isNotDone();
            blocker.rollback();
            assertThat(counting.get(30, TimeUnit.SECONDS).counts())
                    .containsExactly(new RecordCount(connection, "clients", 2));
        } finally {
            callers.shutdownNow();
        }
    }

    private boolean aCountWaitsForTheLock() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM pg_stat_activity "
                + "WHERE wait_event_type = 'Lock' AND query LIKE '%count(*) AS records%'").mapTo(Long.class).one()) > 0;
    }

    private void store(String stream, String... externalIds) {
        database.jdbi().useHandle(handle -> {
            for (String externalId : externalIds) {
                handle.execute("INSERT INTO records (connection_id, stream, external_id, payload, content_hash, "
                        + "inserted_by_run, updated_by_run) VALUES (?, ?, ?, '{}', md5(?)::uuid, ?, ?)", connection,
                        stream, externalId, externalId, run, run);
            }
        });
    }
}
