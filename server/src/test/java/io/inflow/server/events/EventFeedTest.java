package io.inflow.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.inflow.server.store.EventDao;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.LowercaseEnums;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.StreamStatus;
import io.inflow.server.store.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** The feed on a real PostgreSQL: what the triggers record, in which order, and what each client gets. */
class EventFeedTest {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private final List<EventFeed> feeds = new ArrayList<>();
    private EventDao events;
    private long connection;

    @BeforeEach
    void connection() {
        events = database.jdbi().onDemand(EventDao.class);
        connection = database.connections().insert("airtable", "clinic", "{}");
    }

    @AfterEach
    void stopFeeds() throws InterruptedException {
        for (EventFeed feed : feeds) {
            feed.stop();
        }
    }

    @Test
    void everyChangeOfARunIsAnEventInCommitOrderAndAHeartbeatOfTheRunIsNone() {
        CollectingSink client = CollectingSink.reading();
        feed("{}").subscribe(null, null, client);
        ImportRunDao runs = sessionsWithProgressEvery("0").onDemand(ImportRunDao.class);

        long run = queue(runs, "a", "b");
        runs.start(run, "node-a");
        database.jdbi().useHandle(handle -> handle.execute("UPDATE import_runs SET heartbeat_at = now() WHERE id = ?",
                run));
        runs.startStream(run, "a");
        sessionsWithProgressEvery("0").useHandle(handle -> count(handle, run, "a", 5));
        runs.waiting(run, Instant.parse("2030-01-01T00:00:00Z"), "Airtable locks the base out for 30 s after a 429");
        runs.waitingOver(run);
        runs.finishStream(run, "a", StreamStatus.SUCCEEDED);
        runs.finish(run, RunStatus.SUCCEEDED, null);

        await().atMost(WAIT).until(() -> client.events().size() >= 8);
        assertThat(client.types()).containsExactly("run.queued", "run.started", "run.progress", "run.progress",
                "run.waiting", "run.progress", "run.progress", "run.succeeded");
        assertThat(client.ids()).isEqualTo(LongStream.rangeClosed(1, 8).boxed().toList());
        List<JsonNode> data = client.events().stream().map(frame -> parse(frame.data())).toList();
        assertThat(data.stream().map(event -> event.at("/run/status").asText()).toList()).containsExactly(
                "queued", "running", "running", "running", "running", "running", "running", "succeeded");
        assertThat(data.get(0).at("/streams").size()).as("the streams inserted after the run").isEqualTo(2);
        assertThat(data.get(3).at("/streams/0/inserted").asLong()).isEqualTo(5);
        assertThat(data.get(4).at("/run/waiting_reason").asText()).startsWith("Airtable locks");
        assertThat(data.get(7).at("/streams/0/status").asText()).isEqualTo("succeeded");
        assertThat(client.events()).allSatisfy(frame -> assertThat(frame.runId()).isEqualTo(run));
    }

    @Test
    void progressIsRecordedAtMostOncePerIntervalWhileTheRunEndsWithAnEventOfItsOwn() {
        ImportRunDao runs = database.runs();
        long run = queue(runs, "a");
        runs.start(run, "node-a");
        sessionsWithProgressEvery("1 hour").useHandle(handle -> {
            for (int i = 0; i < 20; i++) {
                count(handle, run, "a", 100);
            }
        });
        assertThat(types(run)).containsExactly("run.queued", "run.started");

        sessionsWithProgressEvery("0").useHandle(handle -> {
            for (int i = 0; i < 3; i++) {
                count(handle, run, "a", 100);
            }
        });
        runs.finish(run, RunStatus.SUCCEEDED, null);
        sessionsWithProgressEvery("0").useHandle(handle -> count(handle, run, "a", 100));

        assertThat(types(run)).containsExactly("run.queued", "run.started", "run.progress", "run.progress",
                "run.progress", "run.succeeded");
        assertThat(parse(lastData(run)).at("/streams/0/inserted").asLong()).isEqualTo(2_300);
    }

    @Test
    void withTheDefaultIntervalTwoEventsOfARunAreNeverCloserThanHalfASecondWhenTheLaterIsProgress() {
        ImportRunDao runs = database.runs();
        long run = queue(runs, "a");
        runs.start(run, "node-a");
        long commits = 0;
        Instant started = Instant.now();
        Instant until = started.plusMillis(1_600);
        // at least 1.6 s and 30 commits, however busy the machine
        while (Instant.now().isBefore(until) || commits < 30) {
            database.jdbi().useHandle(handle -> count(handle, run, "a", 1));
            commits++;
        }
        long intervals = Duration.between(started, Instant.now()).toMillis() / 500;
        runs.finish(run, RunStatus.SUCCEEDED, null);

        List<Instant> at = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT at FROM events WHERE run_id = :run ORDER BY id").bind("run", run).mapTo(Instant.class).list());
        List<String> types = types(run);
        assertThat(types.stream().filter("run.progress"::equals).count()).as("%d commits", commits)
                .isBetween(1L, intervals + 1);
        for (int i = 1; i < types.size(); i++) {
            if (types.get(i).equals("run.progress")) {
                assertThat(Duration.between(at.get(i - 1), at.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            }
        }
        assertThat(types.get(types.size() - 1)).isEqualTo("run.succeeded");
    }

    @Test
    void aClientResumingAfterAnIdGetsEveryLaterEventOnceAndInOrderWhileNewOnesCommit() {
        emitPlugins(5);
        EventFeed feed = feed("{}");
        CompletableFuture<Void> more = CompletableFuture.runAsync(() -> emitPlugins(20));
        CollectingSink client = CollectingSink.reading();

        feed.subscribe(null, 2L, client);
        more.join();

        await().atMost(WAIT).until(() -> client.events().size() >= 23);
        assertThat(client.ids()).isEqualTo(LongStream.rangeClosed(3, 25).boxed().toList());
    }

    @Test
    void aClientOfOneRunGetsASnapshotThenOnlyThatRunsEvents() {
        ImportRunDao runs = database.runs();
        long run = queue(runs, "a");
        long other = runs.insertQueued(new NewRun(database.connections().insert("airtable", "other", "{}"),
                RunTrigger.MANUAL, RunMode.FULL, null, "test", null, null, List.of("a"))).orElseThrow();
        EventFeed feed = feed("{}");
        CollectingSink client = CollectingSink.reading();

        feed.subscribe(run, null, client);
        runs.start(other, "node-a");
        runs.start(run, "node-a");

        await().atMost(WAIT).until(() -> client.events().size() >= 2);
        assertThat(client.types()).containsExactly("run.snapshot", "run.started");
        assertThat(client.ids()).containsExactly(2L, 4L);
        assertThat(parse(client.events().get(0).data()).at("/run/status").asText()).isEqualTo("queued");
    }

    @Test
    void aClientResumingFromAPrunedIdGetsAResetThenTheNewEvents() {
        emitPlugins(5);
        database.jdbi().useHandle(handle -> handle.execute(
                "UPDATE events SET at = now() - interval '2 days' WHERE id <= 3"));
        EventFeed feed = feed("{\"retention\": \"1d\", \"pruneInterval\": \"50ms\"}");
        await().atMost(WAIT).until(() -> events.prunedThrough() == 3);
        CollectingSink pruned = CollectingSink.reading();
        CollectingSink kept = CollectingSink.reading();
        CollectingSink unknown = CollectingSink.reading();

        feed.subscribe(null, 2L, pruned);
        feed.subscribe(null, 3L, kept);
        feed.subscribe(null, 99L, unknown);
        emitPlugins(1);

        await().atMost(WAIT).until(() -> pruned.events().size() >= 2 && kept.events().size() >= 3
                && unknown.events().size() >= 2);
        long kept3 = database.jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM events")
                .mapTo(Long.class).one());
        assertThat(kept3).isEqualTo(3);
        assertThat(pruned.types()).containsExactly("reset", "plugin.changed");
        assertThat(pruned.ids()).containsExactly(5L, 6L);
        assertThat(parse(pruned.events().get(0).data()).path("lastEventId").asLong()).isEqualTo(2);
        assertThat(kept.ids()).containsExactly(4L, 5L, 6L);
        assertThat(unknown.types()).containsExactly("reset", "plugin.changed");
    }

    @Test
    void aClientThatDoesNotReadIsDisconnectedWhenItsQueueIsFullWhileTheOthersGetEverything() {
        EventFeed feed = feed("{\"queueSize\": 10, \"writerThreads\": 2}");
        CollectingSink stalled = CollectingSink.stalled();
        CollectingSink reading = CollectingSink.reading();
        feed.subscribe(null, null, stalled);
        feed.subscribe(null, null, reading);

        emitPlugins(50);

        await().atMost(WAIT).until(() -> reading.events().size() >= 50);
        assertThat(reading.ids()).isEqualTo(LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(stalled.events()).isEmpty();
        stalled.release();
        await().atMost(WAIT).until(stalled::isClosed);
        assertThat(stalled.events()).isEmpty();
        assertThat(feed.clients()).isEqualTo(1);
        assertThat(reading.isClosed()).isFalse();
    }

    @Test
    void everyOpenStreamGetsHeartbeats() {
        EventFeed feed = feed("{\"heartbeatInterval\": \"100ms\"}");
        CollectingSink client = CollectingSink.reading();
        feed.subscribe(null, null, client);

        await().atMost(WAIT).until(() -> client.heartbeats() >= 4);
        assertThat(client.events()).isEmpty();
    }

    @Test
    void aNotificationWakesTheFeedLongBeforeItsPollInterval() {
        EventFeed feed = feed("{\"pollInterval\": \"1h\"}");
        CollectingSink client = CollectingSink.reading();
        feed.subscribe(null, null, client);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> true);

        emitPlugins(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.events().size() == 1);
    }

    @Test
    void twoNodesFeedsGiveTheirClientsTheSameEventsWithTheSameIds() {
        CollectingSink onA = CollectingSink.reading();
        CollectingSink onB = CollectingSink.reading();
        feed("{}").subscribe(null, null, onA);
        feed("{}").subscribe(null, null, onB);
        ImportRunDao runs = database.runs();

        long run = queue(runs, "a");
        runs.start(run, "node-b");
        database.jdbi().useHandle(handle -> handle.execute("UPDATE scheduler_state SET running = false"));

        await().atMost(WAIT).until(() -> onA.events().size() >= 3 && onB.events().size() >= 3);
        assertThat(onA.types()).containsExactly("run.queued", "run.started", "scheduler.stopped");
        assertThat(onB.events()).isEqualTo(onA.events());
    }

    // --- helpers

    private EventFeed feed(String config) {
        EventFeed feed = new EventFeed(events, new StoredData(), database.endpoint(), config(config),
                Clock.systemUTC());
        feed.start();
        feeds.add(feed);
        return feed;
    }

    private static EventsConfiguration config(String json) {
        try {
            return JSON.readValue(json, EventsConfiguration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sessions whose progress events are at most one per {@code interval} per run. */
    private Jdbi sessionsWithProgressEvery(String interval) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.endpoint().url());
        source.setUser(database.endpoint().user());
        source.setOptions("-c inflow.progress_interval=" + interval.replace(" ", "\\ "));
        Jdbi jdbi = Jdbi.create(source).installPlugin(new SqlObjectPlugin());
        LowercaseEnums.install(jdbi);
        return jdbi;
    }

    private long queue(ImportRunDao runs, String... streams) {
        return runs.insertQueued(new NewRun(connection, RunTrigger.MANUAL, RunMode.FULL, null, "test", null, null,
                List.of(streams))).orElseThrow();
    }

    private static void count(Handle handle, long run, String stream, int inserted) {
        handle.execute("UPDATE import_run_streams SET inserted = inserted + ?, batches = batches + 1 "
                + "WHERE run_id = ? AND stream = ?", inserted, run, stream);
    }

    private void emitPlugins(int count) {
        for (int i = 0; i < count; i++) {
            events.emit(PluginEvents.TYPE, "{\"node\":\"node-a\",\"plugin\":{\"id\":\"p" + i + "\"}}");
        }
    }

    private List<String> types(long run) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT type FROM events WHERE run_id = :run ORDER BY id").bind("run", run).mapTo(String.class).list());
    }

    private String lastData(long run) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT data::text FROM events WHERE run_id = :run ORDER BY id DESC LIMIT 1").bind("run", run)
                .mapTo(String.class).one());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
