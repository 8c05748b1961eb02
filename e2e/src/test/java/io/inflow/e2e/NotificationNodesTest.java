package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox across nodes sharing one PostgreSQL: a node killed with SIGKILL while it sends a notification loses
 * nothing (another node sends it once its claim ran out, with the same webhook-id), and two nodes polling the same
 * outbox send each notification once.
 */
class NotificationNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(20).withAirtableRequestsPerSecond(0));

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        DATABASE.close();
    }

    @Test
    void aNotificationWhoseNodeIsKilledWhileSendingItIsDeliveredByAnotherNodeWithTheSameWebhookId()
            throws Exception {
        Json json = new Json();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            CountDownLatch release = new CountDownLatch(1);
            receiver.answer(WebhookReceiver.hang(release));
            String secret;
            long subscription;
            try (NodeProcess nodeA = NodeProcess.start("node-a", DATABASE, Map.of(
                    "INFLOW_NOTIFICATIONS_ALLOW_PRIVATE_TARGETS", "true",
                    "INFLOW_NOTIFICATIONS_TIMEOUT", "60s",
                    "INFLOW_NOTIFICATIONS_CLAIM_LEASE", "5s"))) {
                long connection = json.post(nodeA.api("/connections?check=false"), Imports.airtableConnection(
                        new SandboxAdmin(SANDBOX).connections(), "clinic-killed-notifier", "apiToken",
                        "patWrongToken.0000000000")).body().path("id").asLong();
                Json.Answer created = json.post(nodeA.api("/notifications"), "{\"url\":\""
                        + receiver.url("/killed") + "\",\"events\":[\"run.failed\"]}");
                assertThat(created.status()).isEqualTo(201);
                secret = created.body().path("secret").asText();
                subscription = created.body().path("id").asLong();
                assertThat(json.post(nodeA.api("/connections/" + connection + "/imports"), "{\"mode\":\"full\"}")
                        .status()).isEqualTo(202);

                await().atMost(WAIT).until(() -> receiver.received().size() == 1);
                assertThat(DATABASE.queryString("SELECT status || ' ' || lease_owner FROM notification_deliveries "
                        + "WHERE notification_id = " + subscription)).isEqualTo("pending node-a");

                nodeA.kill();
            }
            receiver.answer(WebhookReceiver.status(200));
            release.countDown();

            TestServer nodeB = TestServer.node("node-b", DATABASE,
                    TestServer.setting("notifications.allowPrivateTargets", "true"),
                    TestServer.setting("notifications.pollInterval", "100ms"));
            nodeB.app.before();
            try {
                await().atMost(WAIT).until(() -> "delivered".equals(DATABASE.queryString(
                        "SELECT status FROM notification_deliveries WHERE notification_id = " + subscription)));
            } finally {
                nodeB.app.after();
            }

            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).webhookId()).isEqualTo(requests.get(0).webhookId());
            assertThat(requests).allSatisfy(request -> assertThat(request.signedWith(secret)).isTrue());
            assertThat(requests.get(1).json().path("type").asText()).isEqualTo("run.failed");
            assertThat(DATABASE.queryLong("SELECT attempts FROM notification_deliveries WHERE notification_id = "
                    + subscription)).isEqualTo(2);
        }
    }

    @Test
    void twoNodesSendEachNotificationOnce() throws Exception {
        TestServer nodeC = TestServer.node("node-c", DATABASE, fastNotifications());
        TestServer nodeD = TestServer.node("node-d", DATABASE, fastNotifications());
        nodeC.app.before();
        nodeD.app.before();
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(exchange -> {
                try {
                    Thread.sleep(20); // a receiver that takes a moment widens any window for a double send
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                WebhookReceiver.status(200).answer(exchange);
            });
            Imports onC = new Imports(nodeC);
            long connection = onC.createUncheckedConnection(Imports.airtableConnection(
                    new SandboxAdmin(SANDBOX).connections(), "clinic-two-notifiers"));
            Json.Answer created = onC.post("/notifications", "{\"url\":\"" + receiver.url("/both") + "\"}");
            long subscription = created.body().path("id").asLong();

            JsonNode run = onC.run(connection, "full");
            assertThat(run.path("status").asText()).isEqualTo("succeeded");
            // eighty more, as eighty skipped fires would write them
            DATABASE.queryLong("SELECT sum(inflow_enqueue_notification('schedule.skipped', " + connection
                    + ", NULL, now(), jsonb_build_object('reason', 'fire ' || g), NULL, false)) "
                    + "FROM generate_series(1, 80) g");

            await().atMost(WAIT).until(() -> DATABASE.queryLong("SELECT count(*) FROM notification_deliveries "
                    + "WHERE notification_id = " + subscription + " AND status = 'delivered'") == 81);
            Map<String, Long> perId = receiver.received().stream().collect(Collectors.groupingBy(
                    WebhookReceiver.Received::webhookId, Collectors.counting()));
            assertThat(perId).hasSize(81);
            assertThat(perId.values()).as("requests per webhook-id").containsOnly(1L);
            assertThat(DATABASE.queryLong("SELECT max(attempts) FROM notification_deliveries WHERE notification_id = "
                    + subscription)).isEqualTo(1);
            double onNodeC = delivered(nodeC);
            double onNodeD = delivered(nodeD);
            assertThat(onNodeC + onNodeD).as("inflow_notifications_total{outcome=delivered} of both nodes")
                    .isEqualTo(81);
        } finally {
            nodeD.app.after();
            nodeC.app.after();
        }
    }

    private static TestServer.Setting[] fastNotifications() {
        return new TestServer.Setting[] {
            TestServer.setting("notifications.allowPrivateTargets", "true"),
            TestServer.setting("notifications.pollInterval", "50ms"),
            TestServer.setting("notifications.senderThreads", "2")
        };
    }

    private static double delivered(TestServer node) {
        return Scrape.of("http://localhost:" + node.app.getAdminPort() + "/metrics")
                .value("inflow_notifications_total", "outcome", "delivered");
    }
}
