package io.inflow.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import io.inflow.api.Checkpoint;
import io.inflow.api.record.Batch;
import io.inflow.api.record.Record;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.metrics.UpstreamMetrics;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.resilience.UpstreamConfiguration;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretsKey;
import io.inflow.server.secrets.SecretsKeyRing;
import io.inflow.server.secrets.SecretsKeys;
import io.inflow.server.secrets.StoredSecrets;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointRow;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunNotOwnedException;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.StreamStatus;
import io.inflow.server.store.StreamWrite;
import io.inflow.server.store.TestDatabase;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The life of an import run, through the job engine's own classes against the embedded PostgreSQL, with a real
 * plugin jar and a clock the tests move: queued, running, and ended succeeded, failed, cancelled or interrupted;
 * resumed from its checkpoint; held back by its connection's cooldown; and fenced, so that a node that lost its run
 * can no longer write to it. db-scheduler's polling is left out: a test runs a run where a worker thread would.
 */
class RunLifecycleTest {

    private static final String STREAM = "items";

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path pluginsFolder;

    private final TickingClock clock = new TickingClock(Instant.now());
    private final List<SchedulableInstance<RunTaskData>> resumesScheduled = new ArrayList<>();
    private PluginRegistry plugins;
    private UpstreamClients upstreams;
    private ConnectionService connections;
    private RunPlans plans;
    private RunLauncher launcher;
    private ImportService imports;
    private RunRecovery recovery;

    @BeforeEach
    void startTheEngineWithoutItsScheduler() throws IOException {
        PagedPlugin.writeTo(pluginsFolder);
        plugins = new PluginRegistry(pluginsFolder, connector -> Optional.empty());
        plugins.loadAll();
        SecretsKey key = SecretsKey.parse(SecretsKeys.newKey(new SecureRandom()));
        connections = new ConnectionService(database.connections(), plugins, database.json(),
                new StoredSecrets(new SecretEnvelope(new SecretsKeyRing(List.of(key)))), name -> null);
        upstreams = new UpstreamClients(new UpstreamConfiguration(), database.quotas(), database.rateLimits(),
                "node-a", clock, new UpstreamMetrics(new PrometheusRegistry()));
        plans = new RunPlans(plugins, database.runs());
        launcher = new RunLauncher(database.runs(), clock);
        SchedulerClient scheduler = SchedulerClient.Builder.create(database.dataSource(), List.of())
                .serializer(new JacksonSerializer()).build();
        imports = new ImportService(database.runs(), connections, plans, launcher, new Cooldown(database.runs(), clock),
                scheduler);
        recovery = new RunRecovery(database.runs(), plans, launcher, true);
    }

    @AfterEach
    void stop() {
        upstreams.close();
        plugins.stop();
    }

    @Test
    void aTriggeredRunIsQueuedWithItsExecutionThenRunsToSucceeded() {
        long connection = connection(Map.of("pages", 3));

        RunRow queued = imports.trigger(connection, RunMode.FULL, "first import", "alice", false);

        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.trigger()).isEqualTo(RunTrigger.MANUAL);
        assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'import-run' AND task_instance = 'run-"
                + queued.id() + "'")).isEqualTo(1);

        assertThat(runner("node-a", new NodeSignals()).run(queued.id())).map(ImportRunner.Outcome::status)
                .contains(RunStatus.SUCCEEDED);

        RunRow ended = run(queued.id());
        assertThat(ended.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ended.node()).isEqualTo("node-a");
        assertThat(ended.startedAt()).isNotNull();
        assertThat(ended.finishedAt()).isNotNull();
        assertThat(stream(queued.id()).status()).isEqualTo(StreamStatus.SUCCEEDED);
        assertThat(stream(queued.id()).inserted()).isEqualTo(6);
        CheckpointRow checkpoint = checkpoint(connection);
        assertThat(checkpoint.position()).isNull();
        assertThat(codec().decodeValues(checkpoint.watermark())).isEqualTo(Map.of("page", "4"));
    }

    @Test
    void aRunWhoseReadFailsEndsFailedKeepingThePagesItCommittedAndTheirCheckpoint() {
        long connection = connection(Map.of("pages", 4, "failAtPage", 3));
        long runId = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();

        assertThat(runner("node-a", new NodeSignals()).run(runId)).map(ImportRunner.Outcome::status)
                .contains(RunStatus.FAILED);

        assertThat(run(runId).status()).isEqualTo(RunStatus.FAILED);
        assertThat(run(runId).error()).isEqualTo("stream items: page 3 answered 500");
        assertThat(stream(runId).status()).isEqualTo(StreamStatus.FAILED);
        assertThat(records()).isEqualTo(4);
        assertThat(codec().decodeValues(checkpoint(connection).position())).isEqualTo(Map.of("page", "3"));
    }

    @Test
    void aFailedRunIsResumedFromItsCheckpointOnceItsConfigurationIsFixed() {
        long connection = connection(Map.of("pages", 4, "failAtPage", 3));
        long failed = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();
        runner("node-a", new NodeSignals()).run(failed);
        database.connections().storeConfig(connection, json(Map.of("pages", 4)));

        RunRow resumed = imports.resume(failed, null, "alice", false);

        assertThat(resumed.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(resumed.trigger()).isEqualTo(RunTrigger.RESUME);
        assertThat(resumed.resumedFrom()).isEqualTo(failed);
        assertThat(resumed.notes()).isEqualTo("resumes run " + failed);
        assertThat(runner("node-a", new NodeSignals()).run(resumed.id())).map(ImportRunner.Outcome::status)
                .contains(RunStatus.SUCCEEDED);
        assertThat(stream(resumed.id()).inserted()).as("pages 3 and 4 only").isEqualTo(4);
        assertThat(records()).isEqualTo(8);
        assertThatThrownBy(() -> imports.resume(resumed.id(), null, "alice", false))
                .isInstanceOfSatisfying(InflowException.class, e -> assertThat(e.code()).isEqualTo("not_resumable"));
    }

    @Test
    void aQueuedRunIsCancelledAtOnceAndNoNodeStartsIt() {
        long connection = connection(Map.of("pages", 3));
        long runId = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();

        RunRow cancelled = imports.cancel(runId);

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.finishedAt()).isNotNull();
        assertThat(runner("node-a", new NodeSignals()).run(runId)).isEmpty();
        assertThat(records()).isZero();
        assertThatThrownBy(() -> imports.cancel(runId))
                .isInstanceOfSatisfying(InflowException.class, e -> assertThat(e.code()).isEqualTo("not_active"));
    }

    @Test
    void aRunningRunAskedToStopEndsCancelledAtItsNextPageAndIsResumedWhereItStopped() throws Exception {
        long connection = connection(Map.of("pages", 40, "pauseMillis", 50));
        long runId = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();
        CompletableFuture<Optional<ImportRunner.Outcome>> running = CompletableFuture.supplyAsync(
                () -> runner("node-a", new NodeSignals()).run(runId));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream(runId).batches() > 0);

        assertThat(imports.cancel(runId).status()).isEqualTo(RunStatus.CANCELLING);

        assertThat(running.get(30, TimeUnit.SECONDS)).map(ImportRunner.Outcome::status).contains(RunStatus.CANCELLED);
        assertThat(run(runId).status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(stream(runId).status()).isEqualTo(StreamStatus.CANCELLED);
        long stored = records();
        assertThat(stored).isBetween(2L, 78L);
        assertThat(codec().decodeValues(checkpoint(connection).position()))
                .isEqualTo(Map.of("page", Long.toString(stored / 2 + 1)));

        database.connections().storeConfig(connection, json(Map.of("pages", 40)));
        long resumed = imports.resume(runId, null, "alice", false).id();
        assertThat(runner("node-a", new NodeSignals()).run(resumed)).map(ImportRunner.Outcome::status)
                .contains(RunStatus.SUCCEEDED);
        assertThat(stream(resumed).inserted()).isEqualTo(80 - stored);
        assertThat(records()).isEqualTo(80);
    }

    @Test
    void aRunOnANodeThatStopsEndsInterruptedAndTheNextNodeResumesIt() throws Exception {
        long connection = connection(Map.of("pages", 40, "pauseMillis", 50));
        long runId = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();
        NodeSignals nodeA = new NodeSignals();
        CompletableFuture<Optional<ImportRunner.Outcome>> running = CompletableFuture.supplyAsync(
                () -> runner("node-a", nodeA).run(runId));
        await().atMost(Duration.ofSeconds(30)).until(() -> stream(runId).batches() > 0);

        nodeA.stop();

        assertThat(running.get(30, TimeUnit.SECONDS)).map(ImportRunner.Outcome::status)
                .contains(RunStatus.INTERRUPTED);
        assertThat(run(runId).status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run(runId).error()).isEqualTo("node node-a stopped while this run was reading items");

        recovery.resumeAfterShutdown(runId, resumesScheduled::add);

        RunRow resumed = onlyResume(runId);
        assertThat(resumed.requestedBy()).isEqualTo("auto-resume");
        assertThat(resumesScheduled).singleElement()
                .satisfies(execution -> assertThat(execution.getTaskInstance().getId())
                        .isEqualTo(RunTaskData.instanceId(resumed.id())));
        database.connections().storeConfig(connection, json(Map.of("pages", 40)));
        assertThat(runner("node-b", new NodeSignals()).run(resumed.id())).map(ImportRunner.Outcome::status)
                .contains(RunStatus.SUCCEEDED);
        assertThat(run(resumed.id()).node()).isEqualTo("node-b");
        assertThat(records()).isEqualTo(80);
    }

    @Test
    void aNodeThatLostItsRunCanNoLongerWriteToItAndTheRunIsResumedOnce() {
        long connection = connection(Map.of("pages", 3));
        long runId = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();
        assertThat(database.runs().start(runId, "node-a")).isTrue();
        assertThat(database.runs().start(runId, "node-b")).as("a run is claimed once").isFalse();
        assertThatThrownBy(() -> commit(connection, runId, "node-b")).isInstanceOf(RunNotOwnedException.class);
        commit(connection, runId, "node-a");

        recovery.recoverDead(runId, "node node-a stopped sending heartbeats", resumesScheduled::add);
        recovery.recoverDead(runId, "node node-a stopped sending heartbeats", resumesScheduled::add);

        assertThat(run(runId).status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(run(runId).error()).isEqualTo("node node-a stopped sending heartbeats");
        assertThat(resumesScheduled).as("the second node to notice resumes nothing").hasSize(1);
        assertThat(onlyResume(runId).status()).isEqualTo(RunStatus.QUEUED);
        assertThatThrownBy(() -> commit(connection, runId, "node-a")).isInstanceOf(RunNotOwnedException.class);
        assertThat(records()).as("only the batch committed while node-a owned the run").isEqualTo(1);
    }

    @Test
    void aConnectionHasOneActiveRunAtATime() {
        long connection = connection(Map.of("pages", 3));
        long first = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();

        assertThatThrownBy(() -> imports.trigger(connection, RunMode.INCREMENTAL, null, "bob", false))
                .isInstanceOfSatisfying(InflowException.class, e -> {
                    assertThat(e.code()).isEqualTo("run_active");
                    assertThat(e.details()).isEqualTo(Map.of("activeRunId", first));
                });
    }

    @Test
    void insideItsCooldownAConnectionRunsOnlyWhenForcedUntilTheClockPassesIt() {
        long connection = connection(Map.of("pages", 1));
        database.connections().updateJobSettings(connection, null, "UTC", false, false, 60);
        long first = imports.trigger(connection, RunMode.FULL, null, "alice", false).id();
        runner("node-a", new NodeSignals()).run(first);

        // the run's creation is stamped by PostgreSQL's clock, which went on while the test's clock stood still
        long stoodStill = Duration.between(clock.instant(), Instant.now()).toSeconds() + 1;
        assertThatThrownBy(() -> imports.trigger(connection, RunMode.FULL, null, "alice", false))
                .isInstanceOfSatisfying(InflowException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InflowException.Kind.TOO_MANY_REQUESTS);
                    assertThat(e.code()).isEqualTo("cooldown");
                    assertThat((Long) e.details().get("retryAfterSeconds")).isBetween(1L, 60L + stoodStill);
                });
        long forced = imports.trigger(connection, RunMode.FULL, null, "admin", true).id();
        imports.cancel(forced);

        clock.advance(Duration.ofSeconds(120));

        assertThat(imports.trigger(connection, RunMode.FULL, null, "alice", false).status())
                .isEqualTo(RunStatus.QUEUED);
    }

    private ImportRunner runner(String node, NodeSignals signals) {
        return new ImportRunner(database.runs(), database.checkpoints(), database.recordCounts(), database.sink(),
                database.states(), connections, plugins, upstreams, codec(), node, signals,
                new ImportMetrics(new PrometheusRegistry()), new ActiveReads(clock), clock);
    }

    private long connection(Map<String, Object> config) {
        return database.connections().insert(PagedPlugin.ID, "paged", json(config));
    }

    private void commit(long connection, long runId, String node) {
        database.sink().commit(StreamWrite.of(connection, runId, node, STREAM),
                new Batch(List.of(new Record(STREAM, "late-" + node, "{}", null)), Checkpoint.of("page", "2")));
    }

    private RunRow onlyResume(long runId) {
        List<RunRow> resumes = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT id FROM import_runs WHERE resumed_from = :run").bind("run", runId).mapTo(Long.class).list())
                .stream().map(this::run).toList();
        assertThat(resumes).hasSize(1);
        return resumes.get(0);
    }

    private RunRow run(long runId) {
        return database.runs().find(runId).orElseThrow();
    }

    private RunStreamRow stream(long runId) {
        return database.runs().streams(runId).get(0);
    }

    private CheckpointRow checkpoint(long connection) {
        return database.checkpoints().find(connection, STREAM).orElseThrow();
    }

    private long records() {
        return count("SELECT count(*) FROM records");
    }

    private long count(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
    }

    private CheckpointCodec codec() {
        return new CheckpointCodec(database.json());
    }

    private String json(Map<String, Object> value) {
        try {
            return database.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
