package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks end to end: real runs against the sandbox, a receiver in the test (the JDK's HTTP server) that checks
 * each signature with the JDK's HMAC, and delivery through the outbox with backoff shrunk to fractions of a second.
 * The server allows private targets, as the receiver listens on the loopback address.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationWebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(50).withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.allowPrivateTargets", "true"),
            TestServer.setting("notifications.pollInterval", "100ms"),
            TestServer.setting("notifications.initialBackoff", "300ms"),
            TestServer.setting("notifications.maxBackoff", "1s"),
            TestServer.setting("notifications.timeout", "3s"),
            TestServer.setting("notifications.publicUrl", "https://inflow.example.com/"));
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final Json VIEWER = Json.withKey(TestKeys.VIEWER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aSucceededAndAFailedRunEachDeliverOneWebhookWhoseSignatureVerifies() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long good = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-notified"));
            long bad = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-notified-wrong-token", "apiToken", "patWrongToken.0000000000"));
            Json.Answer created = IMPORTS.post("/notifications", "{\"url\":\"" + receiver.url("/hooks/inflow")
                    + "\",\"events\":[\"run.succeeded\",\"run.failed\"],\"connections\":[" + good + "," + bad + "]}");
            assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
            String secret = created.body().path("secret").asText();
            long subscription = created.body().path("id").asLong();
            assertThat(secret).startsWith("whsec_");

            JsonNode succeeded = IMPORTS.run(good, "full");
            JsonNode failed = IMPORTS.run(bad, "full");
            assertThat(succeeded.path("status").asText()).isEqualTo("succeeded");
            assertThat(failed.path("status").asText()).isEqualTo("failed");

            await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> deliveries(subscription).size() == 2
                    && deliveries(subscription).stream().allMatch(d -> d.path("status").asText().equals("delivered")));
            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).as("one webhook per run, nothing more").hasSize(2);
            assertThat(requests).allSatisfy(request -> {
                assertThat(request.path()).isEqualTo("/hooks/inflow");
                assertThat(request.signedWith(secret)).as("signature of %s", request.webhookId()).isTrue();
                assertThat(request.header("Content-type")).startsWith("application/json");
                assertThat(Math.abs(Long.parseLong(request.header("Webhook-timestamp"))
                        - Instant.now().getEpochSecond())).isLessThan(120);
            });
            assertThat(requests.get(0).webhookId()).isNotEqualTo(requests.get(1).webhookId());

            JsonNode ofSuccess = bodyOfType(requests, "run.succeeded");
            assertThat(ofSuccess.at("/data/run")).as("data.run is GET /imports/{id}")
                    .isEqualTo(IMPORTS.run(succeeded.path("id").asLong()));
            assertThat(ofSuccess.at("/data/run/counts/inserted").asLong()).isEqualTo(50);
            assertThat(ofSuccess.at("/data/connection/name").asText()).isEqualTo("clinic-notified");
            assertThat(ofSuccess.at("/data/connection/id").asLong()).isEqualTo(good);
            assertThat(ofSuccess.at("/data/plugin").asText()).isEqualTo("airtable");
            assertThat(ofSuccess.at("/data/links/api").asText())
                    .isEqualTo("https://inflow.example.com/api/v1/imports/" + succeeded.path("id").asLong());
            assertThat(ofSuccess.at("/data/links/console").asText())
                    .isEqualTo("https://inflow.example.com/#/runs/" + succeeded.path("id").asLong());
            assertThat(Instant.parse(ofSuccess.path("timestamp").asText())).isNotNull();

            JsonNode ofFailure = bodyOfType(requests, "run.failed");
            assertThat(ofFailure.at("/data/run")).isEqualTo(IMPORTS.run(failed.path("id").asLong()));
            assertThat(ofFailure.at("/data/run/error").asText()).isEqualTo(failed.path("error").asText())
                    .contains("401");
            assertThat(deliveries(subscription)).allSatisfy(delivery -> {
                assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
                assertThat(delivery.path("lastAnswerCode").asInt()).isEqualTo(204);
                assertThat(delivery.path("nextTryAt").isNull()).isTrue();
            });
            Set<String> ids = deliveries(subscription).stream().map(d -> d.path("messageId").asText())
                    .collect(Collectors.toSet());
            assertThat(ids).isEqualTo(requests.stream().map(WebhookReceiver.Received::webhookId)
                    .collect(Collectors.toSet()));
        }
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsTheEventOnceItIsBackWithTheSameWebhookId() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(WebhookReceiver.status(503));
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-receiver-down"));
            long subscription = createWebhook(receiver.url("/down"), "[\"run.succeeded\"]", connection);
            IMPORTS.run(connection, "full");

            await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
            receiver.down();
            JsonNode pending = deliveries(subscription).get(0);
            assertThat(pending.path("status").asText()).isEqualTo("pending");
            assertThat(pending.path("lastAnswerCode").asInt()).isEqualTo(503);
            await().atMost(WAIT).until(() -> deliveries(subscription).get(0).path("lastAnswerCode").isNull()
                    && deliveries(subscription).get(0).path("lastError").asText().startsWith("no answer"));
            int whileDown = deliveries(subscription).get(0).path("attempts").asInt();

            receiver.answer(WebhookReceiver.status(200));
            receiver.up();
            await().atMost(WAIT).until(() -> deliveries(subscription).get(0).path("status").asText()
                    .equals("delivered"));

            JsonNode delivered = deliveries(subscription).get(0);
            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests.stream().map(WebhookReceiver.Received::webhookId).distinct().toList())
                    .as("every attempt carries the same webhook-id").containsExactly(delivered.path("messageId")
                            .asText());
            assertThat(delivered.path("attempts").asInt()).isGreaterThan(whileDown)
                    .isGreaterThan(requests.size());
            assertThat(delivered.path("lastAnswerCode").asInt()).isEqualTo(200);
            assertThat(requests.get(requests.size() - 1).json().path("type").asText()).isEqualTo("run.succeeded");
        }
    }

    @Test
    void aRetryAfterOfThe429IsHonoured() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(exchange -> {
                exchange.getResponseHeaders().add("Retry-After", "3");
                exchange.sendResponseHeaders(429, -1);
                exchange.close();
                receiver.answer(WebhookReceiver.status(200));
            });
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-retry-after"));
            long subscription = createWebhook(receiver.url("/busy"), "[\"run.succeeded\"]", connection);
            IMPORTS.run(connection, "full");

            await().atMost(WAIT).until(() -> deliveries(subscription).get(0).path("status").asText()
                    .equals("delivered"));
            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).hasSize(2);
            assertThat(deliveries(subscription).get(0).path("attempts").asInt()).isEqualTo(2);
            JsonNode delivered = deliveries(subscription).get(0);
            assertThat(Duration.between(Instant.parse(delivered.path("createdAt").asText()),
                    Instant.parse(delivered.path("lastTryAt").asText()))).as("the second try waited for Retry-After")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
        }
    }

    @Test
    void aPermanentAnswerFailsAtOnceAndARedeliverySendsItAgainWithTheSameWebhookId() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(WebhookReceiver.body(410, "gone"));
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-redelivered"));
            long subscription = createWebhook(receiver.url("/gone"), "[\"run.succeeded\"]", connection);
            IMPORTS.run(connection, "full");

            await().atMost(WAIT).until(() -> deliveries(subscription).get(0).path("status").asText().equals("failed"));
            JsonNode failed = deliveries(subscription).get(0);
            assertThat(failed.path("attempts").asInt()).isEqualTo(1);
            assertThat(failed.path("lastAnswerCode").asInt()).isEqualTo(410);
            assertThat(failed.path("lastError").asText()).contains("410");

            receiver.answer(WebhookReceiver.status(200));
            Json.Answer redelivered = IMPORTS.post("/notifications/" + subscription + "/deliveries/"
                    + failed.path("id").asLong() + "/redeliver", "");
            assertThat(redelivered.status()).isEqualTo(202);
            assertThat(redelivered.body().path("status").asText()).isEqualTo("pending");
            await().atMost(WAIT).until(() -> deliveries(subscription).get(0).path("status").asText()
                    .equals("delivered"));
            assertThat(receiver.received()).hasSize(2).extracting(WebhookReceiver.Received::webhookId)
                    .containsOnly(failed.path("messageId").asText());
            assertThat(IMPORTS.post("/notifications/" + subscription + "/deliveries/999999/redeliver", "").status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aTestSendAnswersWhatTheTargetAnsweredAndARedirectIsNotFollowed() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(WebhookReceiver.body(200, "thanks"));
            long subscription = createWebhook(receiver.url("/tested"), null, null);
            String secret = lastSecret;

            Json.Answer tested = IMPORTS.post("/notifications/" + subscription + "/test", "");
            assertThat(tested.status()).isEqualTo(200);
            assertThat(tested.body().path("delivered").asBoolean()).isTrue();
            assertThat(tested.body().path("answerCode").asInt()).isEqualTo(200);
            assertThat(tested.body().path("answer").asText()).isEqualTo("thanks");
            WebhookReceiver.Received test = receiver.received().get(0);
            assertThat(test.signedWith(secret)).isTrue();
            assertThat(test.webhookId()).isEqualTo(tested.body().path("messageId").asText());
            assertThat(test.json().path("type").asText()).isEqualTo("test");
            assertThat(test.json().at("/data/notification").asLong()).isEqualTo(subscription);

            receiver.answer(WebhookReceiver.redirect(receiver.url("/elsewhere")));
            Json.Answer redirected = IMPORTS.post("/notifications/" + subscription + "/test", "");
            assertThat(redirected.body().path("delivered").asBoolean()).isFalse();
            assertThat(redirected.body().path("answerCode").asInt()).isEqualTo(302);
            assertThat(redirected.body().path("error").asText()).contains("redirect");
            assertThat(receiver.receivedAt("/elsewhere")).as("the redirect was not followed").isEmpty();

            receiver.down();
            Json.Answer refused = IMPORTS.post("/notifications/" + subscription + "/test", "");
            assertThat(refused.body().path("delivered").asBoolean()).isFalse();
            assertThat(refused.body().path("answerCode").isNull()).isTrue();
            assertThat(refused.body().path("error").asText()).startsWith("no answer");
            receiver.up();
        }
    }

    @Test
    void aScheduleThatKeepsFiringInsideItsCooldownIsToldSkippedOnceForTheRunThatStartedIt() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-skipped"));
            long subscription = createWebhook(receiver.url("/skipped"), "[\"schedule.skipped\"]", connection);
            assertThat(IMPORTS.put("/connections/" + connection + "/schedule",
                    "{\"cron\":\"* * * * * *\",\"cooldownSeconds\":3600}").status()).isEqualTo(200);

            await().atMost(WAIT).until(() -> receiver.received().size() >= 1);
            await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
            assertThat(IMPORTS.put("/connections/" + connection + "/schedule", "{\"enabled\":false}").status())
                    .isEqualTo(200);

            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).as("once for the run whose start began the cooldown, not at every fire").hasSize(1);
            JsonNode skipped = requests.get(0).json();
            long firstRun = IMPORTS.get("/imports?connection=" + connection).body().at("/runs/0/id").asLong();
            assertThat(skipped.path("type").asText()).isEqualTo("schedule.skipped");
            assertThat(skipped.at("/data/reason").asText()).contains("cooldown");
            assertThat(skipped.at("/data/connection/name").asText()).isEqualTo("clinic-skipped");
            assertThat(Instant.parse(skipped.at("/data/fireTime").asText())).isNotNull();
            assertThat(skipped.at("/data/links/api").asText()).isEqualTo("https://inflow.example.com/api/v1/connections/"
                    + connection + "/schedule");
            assertThat(deliveries(subscription).get(0).path("run").asLong()).isEqualTo(firstRun);
        }
    }

    @Test
    void figuresThatStopMatchingAfterARunAreToldOnceWhileTheyStayWrong() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-figures"));
            JsonNode config = IMPORTS.get("/connections/" + connection).body().path("config").deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) config).putObject("expectedFigures")
                    .put("Conversations", 999);
            assertThat(IMPORTS.put("/connections/" + connection + "?check=false", "{\"config\":" + config + "}")
                    .status()).isEqualTo(200);
            long subscription = createWebhook(receiver.url("/figures"), "[\"expected_figures.mismatch\"]",
                    connection);

            long first = IMPORTS.run(connection, "full").path("id").asLong();
            await().atMost(WAIT).until(() -> receiver.received().size() >= 1);
            IMPORTS.run(connection, "full");
            await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).until(() -> SERVER.queryLong(
                    "SELECT count(*) FROM notification_checks") == 0);

            List<WebhookReceiver.Received> requests = receiver.received();
            assertThat(requests).as("told when they stopped matching, not again while they do not").hasSize(1);
            JsonNode mismatch = requests.get(0).json();
            assertThat(mismatch.path("type").asText()).isEqualTo("expected_figures.mismatch");
            assertThat(mismatch.at("/data/run/id").asLong()).isEqualTo(first);
            assertThat(mismatch.at("/data/expectedFigures/0/figure").asText()).isEqualTo("Conversations");
            assertThat(mismatch.at("/data/expectedFigures/0/expected").asLong()).isEqualTo(999);
            assertThat(mismatch.at("/data/expectedFigures/0/actual").asLong()).isEqualTo(50);
            assertThat(mismatch.at("/data/expectedFigures/0/matches").asBoolean()).isFalse();
            assertThat(deliveries(subscription)).hasSize(1);
        }
    }

    @Test
    void aRunThatKeepsDeadLettersIsToldOnceWithTheLettersItKept() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                    "clinic-dead-letters"));
            createWebhook(receiver.url("/letters"), "[\"dead_letters.added\"]", connection);
            SandboxAdmin sandbox = new SandboxAdmin(SANDBOX);
            sandbox.faults("{\"malformedRecord\":0.3}");
            JsonNode run;
            try {
                run = IMPORTS.run(connection, "full");
            } finally {
                sandbox.faults("{}");
            }
            long kept = run.at("/counts/failed").asLong();
            assertThat(kept).as("the sandbox sent malformed records").isPositive();

            await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
            await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).until(() -> true);
            assertThat(receiver.received()).as("once per run").hasSize(1);
            JsonNode letters = receiver.received().get(0).json();
            assertThat(letters.path("type").asText()).isEqualTo("dead_letters.added");
            assertThat(letters.at("/data/run/id").asLong()).isEqualTo(run.path("id").asLong());
            assertThat(letters.at("/data/deadLetters/added").asLong()).isPositive().isLessThanOrEqualTo(kept);
            assertThat(letters.at("/data/deadLetters/link").asText()).isEqualTo(
                    "https://inflow.example.com/api/v1/dead-letters?run=" + run.path("id").asLong());
            assertThat(letters.at("/data/connection/name").asText()).isEqualTo("clinic-dead-letters");
        }
    }

    @Test
    void aPluginThatFailsToStartIsToldWithItsFailureAndNode() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            createWebhook(receiver.url("/plugins"), "[\"plugin.failed\"]", null);
            TestJars.writePluginThatThrowsOnStart(SERVER.pluginsDir.resolve("exploding.jar"));
            IMPORTS.post("/plugins/rescan", "");

            await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
            JsonNode failed = receiver.received().get(0).json();
            assertThat(failed.path("type").asText()).isEqualTo("plugin.failed");
            assertThat(failed.at("/data/plugin").asText()).isEqualTo("exploding");
            assertThat(failed.at("/data/failure").asText()).contains("exploding on purpose");
            assertThat(failed.at("/data/node").asText()).isEqualTo("e2e-node");
            assertThat(failed.at("/data/links/api").asText()).isEqualTo("https://inflow.example.com/api/v1/plugins");
            assertThat(receiver.received()).allSatisfy(request -> assertThat(request.json().at("/data/plugin")
                    .asText()).isEqualTo("exploding"));
            java.nio.file.Files.delete(SERVER.pluginsDir.resolve("exploding.jar"));
            IMPORTS.post("/plugins/rescan", "");
        }
    }

    @Test
    void theSecretIsShownOnceAndAViewerReadsButCannotChange() {
        long subscription = createWebhook("http://127.0.0.1:9/hook", "[\"run.failed\"]", null);
        String secret = lastSecret;

        JsonNode listed = VIEWER.get(SERVER.api("/notifications")).body();
        JsonNode one = VIEWER.get(SERVER.api("/notifications/" + subscription)).body();
        assertThat(listed.toString()).doesNotContain(secret.substring(6));
        assertThat(one.has("secret")).isFalse();
        assertThat(one.path("events")).hasSize(1);
        assertThat(one.path("connections").isNull()).isTrue();
        assertThat(SERVER.queryString("SELECT secret FROM notifications WHERE id = " + subscription))
                .as("stored sealed").startsWith("v1:").doesNotContain(secret.substring(6));
        assertThat(VIEWER.post(SERVER.api("/notifications"), "{\"url\":\"http://127.0.0.1:9/\"}").status())
                .isEqualTo(403);
        assertThat(VIEWER.delete(SERVER.api("/notifications/" + subscription)).status()).isEqualTo(403);
        assertThat(VIEWER.get(SERVER.api("/notifications/" + subscription + "/deliveries")).status())
                .isEqualTo(200);

        Json.Answer changed = IMPORTS.put("/notifications/" + subscription,
                "{\"url\":\"http://127.0.0.1:9/other\",\"events\":[\"run.failed\",\"run.cancelled\"]}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("url").asText()).isEqualTo("http://127.0.0.1:9/other");
        assertThat(changed.body().has("secret")).isFalse();
        assertThat(IMPORTS.delete("/notifications/" + subscription).status()).isEqualTo(204);
        assertThat(IMPORTS.get("/notifications/" + subscription).status()).isEqualTo(404);
    }

    @Test
    void badSubscriptionsAreRefusedWithWhatIsWrongAndNothingIsStored() {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(sandboxConnections(),
                "clinic-bad-subscriptions"));
        long before = SERVER.queryLong("SELECT count(*) FROM notifications");
        List<List<String>> cases = List.of(
                List.of("{\"events\":[\"run.failed\"]}", "invalid_target"),
                List.of("{\"url\":\"http://127.0.0.1:9/\",\"email\":[\"ops@example.com\"]}", "invalid_target"),
                List.of("{\"url\":\"ftp://127.0.0.1/\"}", "invalid_url"),
                List.of("{\"url\":\"not a url\"}", "invalid_url"),
                List.of("{\"email\":[\"not-an-address\"]}", "invalid_email"),
                List.of("{\"email\":[\"ops@example.com\"]}", "smtp_not_configured"),
                List.of("{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"run.exploded\"]}", "unknown_event"),
                List.of("{\"url\":\"http://127.0.0.1:9/\",\"events\":[]}", "invalid_events"),
                List.of("{\"url\":\"http://127.0.0.1:9/\",\"connections\":[" + connection + ",987654]}",
                        "unknown_connection"));
        for (List<String> bad : cases) {
            Json.Answer answer = IMPORTS.post("/notifications", bad.get(0));
            assertThat(answer.status()).as("%s: %s", bad.get(0), answer.body()).isEqualTo(400);
            assertThat(answer.body().path("code").asText()).as(bad.get(0)).isEqualTo(bad.get(1));
            assertThat(answer.body().path("message").asText()).isNotBlank();
        }
        Json.Answer unknownEvent = IMPORTS.post("/notifications",
                "{\"url\":\"http://127.0.0.1:9/\",\"events\":[\"run.exploded\"]}");
        assertThat(unknownEvent.body().at("/details/unknown/0").asText()).isEqualTo("run.exploded");
        assertThat(IMPORTS.post("/notifications", "{\"url\":\"http://127.0.0.1:9/\",\"colour\":\"red\"}").status())
                .isEqualTo(400);
        assertThat(SERVER.queryLong("SELECT count(*) FROM notifications")).isEqualTo(before);
    }

    private String lastSecret;

    private long createWebhook(String url, String events, Long connection) {
        String body = "{\"url\":\"" + url + "\"" + (events == null ? "" : ",\"events\":" + events)
                + (connection == null ? "" : ",\"connections\":[" + connection + "]") + "}";
        Json.Answer created = IMPORTS.post("/notifications", body);
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/api/v1/notifications/" + created.body().path("id").asLong()));
        lastSecret = created.body().path("secret").asText();
        return created.body().path("id").asLong();
    }

    private static List<JsonNode> deliveries(long subscription) {
        Json.Answer page = IMPORTS.get("/notifications/" + subscription + "/deliveries");
        assertThat(page.status()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(page.body().path("deliveries").spliterator(), false).toList();
    }

    private static JsonNode bodyOfType(List<WebhookReceiver.Received> requests, String type) {
        return requests.stream().map(WebhookReceiver.Received::json)
                .filter(body -> body.path("type").asText().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " webhook among " + requests));
    }

    private static JsonNode sandboxConnections() {
        return new SandboxAdmin(SANDBOX).connections();
    }
}
