package io.inflow.server.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretsKey;
import io.inflow.server.secrets.SecretsKeyRing;
import io.inflow.server.secrets.SecretsKeys;
import io.inflow.server.store.DeliveryDao;
import io.inflow.server.store.DeliveryRow;
import io.inflow.server.store.EventDao;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.NotificationDao;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.TestDatabase;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.inflow.server.store.LowercaseEnums;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox on a real PostgreSQL: the notifications the triggers write with the change that causes them, for the
 * subscriptions that want them, and the claims that keep two nodes from sending one notification.
 */
class NotificationOutboxTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    private NotificationService subscriptions;
    private DeliveryDao deliveries;
    private ImportRunDao runs;
    private long connection;
    private long otherConnection;

    @BeforeEach
    void subscriptions() {
        SecretEnvelope envelope = new SecretEnvelope(new SecretsKeyRing(List.of(
                SecretsKey.parse(SecretsKeys.newKey(new SecureRandom())))));
        subscriptions = new NotificationService(database.jdbi().onDemand(NotificationDao.class), envelope,
                TargetGuard.of(true), true, database.json(), new SecureRandom());
        deliveries = database.jdbi().onDemand(DeliveryDao.class);
        runs = database.runs();
        connection = database.connections().insert("airtable", "clinic", "{}");
        otherConnection = database.connections().insert("toast", "bistro", "{}");
    }

    @Test
    void aRunsEndWritesOneDeliveryToEachSubscriptionThatWantsItsEventAndConnection() {
        long failures = webhook(List.of("run.failed"), null);
        long everything = webhook(null, null);
        long otherConnectionOnly = webhook(null, List.of(otherConnection));
        long successes = webhook(List.of("run.succeeded"), List.of(connection));

        long run = queue(connection);
        runs.start(run, "node-a");
        runs.finish(run, RunStatus.FAILED, "Airtable rejected the API token (HTTP 401)");

        assertThat(types(failures)).containsExactly("run.failed");
        assertThat(types(everything)).containsExactly("run.failed");
        assertThat(types(otherConnectionOnly)).isEmpty();
        assertThat(types(successes)).isEmpty();
        DeliveryRow delivery = deliveries.list(failures, null, 10).get(0);
        assertThat(delivery.status()).isEqualTo("pending");
        assertThat(delivery.runId()).isEqualTo(run);
        assertThat(delivery.connectionId()).isEqualTo(connection);
        assertThat(delivery.messageId()).startsWith("msg_");
        assertThat(delivery.data()).contains("Airtable rejected the API token");
        assertThat(deliveries.list(everything, null, 10).get(0).messageId()).isNotEqualTo(delivery.messageId());
    }

    @Test
    void aChangeThatRollsBackWritesNoNotification() {
        long subscription = webhook(null, null);
        long run = queue(connection);
        runs.start(run, "node-a");

        assertThatThrownBy(() -> database.jdbi().useTransaction(handle -> {
            handle.attach(ImportRunDao.class).finish(run, RunStatus.SUCCEEDED, null);
            // the events' triggers are deferred to the commit: this fails there, so the run's end rolls back
            handle.execute("SET CONSTRAINTS ALL IMMEDIATE");
            throw new IllegalStateException("the transaction fails after the run's end was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(runs.find(run).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(types(subscription)).isEmpty();
        runs.finish(run, RunStatus.SUCCEEDED, null);
        assertThat(types(subscription)).containsExactly("run.succeeded");
    }

    @Test
    void aRunHeldLongerThanTheThresholdIsWaitingAndAParkedRunHasSpentItsQuota() {
        long subscription = webhook(null, null);
        Jdbi node = database.jdbi();
        ImportRunDao withThreshold = sessionsWithThreshold("PT10M").onDemand(ImportRunDao.class);
        long run = queue(connection);
        runs.start(run, "node-a");
        Instant now = Instant.now();

        withThreshold.waiting(run, now.plus(2, ChronoUnit.MINUTES), "Airtable locks the base out after a 429");
        assertThat(types(subscription)).as("a hold shorter than the threshold").isEmpty();
        withThreshold.waitingOver(run);
        withThreshold.waiting(run, now.plus(1, ChronoUnit.HOURS), "Retry-After: 3600");
        assertThat(types(subscription)).containsExactly("run.waiting");

        withThreshold.waitingOver(run);
        node.onDemand(ImportRunDao.class).park(run, now.plus(5, ChronoUnit.HOURS), "the daily quota of 1000 is spent");
        assertThat(types(subscription)).containsExactlyInAnyOrder("run.waiting", "run.waiting", "quota.exhausted");
    }

    @Test
    void deadLettersAreToldOncePerRunWithTheLettersOfTheFirstBatch() throws Exception {
        long subscription = webhook(List.of("dead_letters.added"), null);
        long run = queue(connection);
        runs.start(run, "node-a");

        letters(run, 3);
        letters(run, 2);

        List<DeliveryRow> told = deliveries.list(subscription, null, 10);
        assertThat(told).hasSize(1);
        assertThat(told.get(0).type()).isEqualTo("dead_letters.added");
        assertThat(database.json().readTree(told.get(0).data()).path("dead_letters").asInt()).isEqualTo(3);
    }

    @Test
    void aFailedPluginIsToldToSubscriptionsCoveringAConnectionOfThatPlugin() {
        long ofAirtable = webhook(List.of("plugin.failed"), List.of(connection));
        long ofToast = webhook(List.of("plugin.failed"), List.of(otherConnection));
        EventDao events = database.jdbi().onDemand(EventDao.class);

        events.emit("plugin.changed", "{\"node\":\"node-a\",\"plugin\":{\"id\":\"airtable\",\"state\":\"STARTED\"}}");
        events.emit("plugin.changed", "{\"node\":\"node-a\",\"plugin\":{\"id\":\"airtable\",\"state\":\"FAILED\","
                + "\"failure\":\"the jar is not a PF4J plugin\"}}");

        assertThat(types(ofAirtable)).containsExactly("plugin.failed");
        assertThat(types(ofToast)).isEmpty();
    }

    @Test
    void twoNodesClaimingAtOnceNeverClaimTheSameDelivery() throws Exception {
        long subscription = webhook(null, null);
        for (int i = 0; i < 60; i++) {
            deliveries.enqueue("schedule.skipped", connection, null, "{\"reason\":\"test " + i + "\"}", false);
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<Long>>> claimed = new ArrayList<>();
            for (String node : List.of("node-a", "node-b")) {
                Callable<List<Long>> claimer = () -> {
                    start.await();
                    List<Long> ids = new ArrayList<>();
                    List<DeliveryRow> page;
                    do {
                        page = deliveries.claim(node, 60_000, 3);
                        page.forEach(row -> ids.add(row.id()));
                    } while (!page.isEmpty());
                    return ids;
                };
                claimed.add(nodes.submit(claimer));
            }
            List<Long> a = claimed.get(0).get();
            List<Long> b = claimed.get(1).get();

            Set<Long> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).as("claimed by both nodes").isEmpty();
            assertThat(a.size() + b.size()).isEqualTo(60);
            assertThat(new HashSet<>(a)).hasSameSizeAs(a);
            assertThat(deliveries.list(subscription, null, 100)).allSatisfy(row -> assertThat(row.attempts())
                    .isEqualTo(1));
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void aClaimThatRanOutIsTakenOverWithTheSameMessageIdAndTheFirstClaimRecordsNothing() {
        long subscription = webhook(null, null);
        deliveries.enqueue("schedule.skipped", connection, null, "{\"reason\":\"test\"}", false);

        DeliveryRow first = deliveries.claim("node-a", 0, 10).get(0);
        assertThat(deliveries.claim("node-c", 60_000, 10)).extracting(DeliveryRow::id).containsExactly(first.id());
        DeliveryRow second = deliveries.list(subscription, null, 10).get(0);

        assertThat(deliveries.delivered(first.id(), first.leaseToken(), 200)).as("the lost claim").isFalse();
        assertThat(deliveries.claim("node-b", 60_000, 10)).as("a live claim holds").isEmpty();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(deliveries.list(subscription, null, 10).get(0).status()).isEqualTo("pending");
    }

    @Test
    void aFailedAttemptIsDueAgainAfterItsDelayAndARedeliveryMakesADeliveredOneDueNow() {
        long subscription = webhook(null, null);
        deliveries.enqueue("schedule.skipped", connection, null, "{\"reason\":\"test\"}", false);
        DeliveryRow claimed = deliveries.claim("node-a", 60_000, 10).get(0);

        assertThat(deliveries.retryLater(claimed.id(), claimed.leaseToken(), 503, "the target answered 503",
                3_600_000)).isTrue();
        assertThat(deliveries.claim("node-a", 60_000, 10)).as("not due for an hour").isEmpty();
        DeliveryRow waiting = deliveries.list(subscription, null, 10).get(0);
        assertThat(waiting.lastAnswerCode()).isEqualTo(503);
        assertThat(waiting.nextAttemptAt()).isAfter(Instant.now().plus(59, ChronoUnit.MINUTES));

        new Deliveries(deliveries, subscriptions).redeliver(subscription, claimed.id());
        DeliveryRow again = deliveries.claim("node-b", 60_000, 10).get(0);
        assertThat(deliveries.delivered(again.id(), again.leaseToken(), 204)).isTrue();
        new Deliveries(deliveries, subscriptions).redeliver(subscription, claimed.id());
        DeliveryRow third = deliveries.claim("node-b", 60_000, 10).get(0);
        assertThat(third.messageId()).isEqualTo(claimed.messageId());
        assertThat(third.attempts()).isEqualTo(3);
    }

    private long webhook(List<String> events, List<Long> connections) {
        return subscriptions.create(new NotificationDraft("http://127.0.0.1:9/hook", null, events, connections))
                .notification().id();
    }

    private long queue(long connectionId) {
        return runs.insertQueued(new NewRun(connectionId, RunTrigger.MANUAL, RunMode.FULL, null, "test", null, null,
                List.of("a"))).orElseThrow();
    }

    private List<String> types(long subscription) {
        List<String> types = new ArrayList<>(deliveries.list(subscription, null, 100).stream()
                .map(DeliveryRow::type).toList());
        Collections.reverse(types);
        return types;
    }

    private void letters(long run, int count) {
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO dead_letters (connection_id, run_id, stream, "
                + "payload, reason) SELECT ?, ?, 'a', '{}', 'unreadable' FROM generate_series(1, ?)", connection, run,
                count));
    }

    /** Sessions that carry a waiting threshold, as a node's pool does. */
    private Jdbi sessionsWithThreshold(String threshold) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.endpoint().url());
        source.setUser(database.endpoint().user());
        source.setOptions("-c inflow.notifications_waiting_threshold=" + threshold);
        Jdbi jdbi = Jdbi.create(source).installPlugin(new SqlObjectPlugin());
        LowercaseEnums.install(jdbi);
        return jdbi;
    }
}
