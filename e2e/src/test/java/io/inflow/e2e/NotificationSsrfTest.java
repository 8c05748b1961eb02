package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.server.InflowConfiguration;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.secrets.SecretsKeys;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhooks cannot reach into the server's own network: with {@code notifications.allowPrivateTargets} off (the
 * default), a loopback or private target is refused when a subscription is saved, and a target whose name resolves
 * to one when a delivery connects is refused then, whatever it resolved to before.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationSsrfTest {

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.pollInterval", "100ms"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRefusedByDefault() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            for (String url : List.of(receiver.url("/hook"), "http://localhost:9/hook", "http://[::1]:9/hook",
                    "http://10.0.0.1/hook", "http://192.168.0.10/hook", "http://169.254.169.254/latest/meta-data/")) {
                Json.Answer refused = IMPORTS.post("/notifications", "{\"url\":\"" + url + "\"}");
                assertThat(refused.status()).as(url).isEqualTo(400);
                assertThat(refused.body().path("code").asText()).as(url).isEqualTo("target_not_allowed");
                assertThat(refused.body().path("message").asText()).contains("notifications.allowPrivateTargets");
            }
            assertThat(SERVER.queryLong("SELECT count(*) FROM notifications")).isZero();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void aTargetThatResolvesToLoopbackWhenADeliveryConnectsIsRefusedThen() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // as if its name had resolved to a public address when it was saved, and to loopback now (DNS
            // rebinding): the row is written directly, past the API's check
            long id = SERVER.queryLong("SELECT nextval(pg_get_serial_sequence('notifications', 'id'))");
            InflowConfiguration config = SERVER.app.getConfiguration();
            String sealed = new SecretEnvelope(SecretsKeys.load(config.secrets(), false, config.dataDir()))
                    .sealNotificationSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id);
            SERVER.execute("INSERT INTO notifications (id, url, secret) VALUES (" + id + ", '"
                    + receiver.url("/rebound").replace("127.0.0.1", "localhost") + "', '" + sealed + "')");
            SERVER.execute("SELECT inflow_enqueue_notification('schedule.skipped', NULL, NULL, now(), "
                    + "'{\"reason\":\"a test\"}'::jsonb, NULL, false)");

            await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(SERVER.queryString(
                    "SELECT status FROM notification_deliveries WHERE notification_id = " + id)));
            assertThat(SERVER.queryString("SELECT last_error FROM notification_deliveries WHERE notification_id = "
                    + id)).contains("refused to connect").contains("loopback");
            assertThat(receiver.received()).as("nothing reached the loopback receiver").isEmpty();

            Json.Answer tested = IMPORTS.post("/notifications/" + id + "/test", "");
            assertThat(tested.body().path("delivered").asBoolean()).isFalse();
            assertThat(tested.body().path("error").asText()).contains("refused to connect");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
