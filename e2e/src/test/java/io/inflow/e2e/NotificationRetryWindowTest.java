package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A target that never recovers: the notification is tried again, with backoff, until its retry window
 * ({@code notifications.retryFor}, shrunk here to 3 s) is over, a last time at its end, then fails for good; each
 * attempt is counted in {@code inflow_notifications_total}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationRetryWindowTest {

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.allowPrivateTargets", "true"),
            TestServer.setting("notifications.pollInterval", "100ms"),
            TestServer.setting("notifications.initialBackoff", "200ms"),
            TestServer.setting("notifications.maxBackoff", "800ms"),
            TestServer.setting("notifications.retryFor", "3s"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @Test
    void aTargetThatKeepsFailingIsTriedUntilTheRetryWindowEndsThenTheDeliveryFails() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            receiver.answer(WebhookReceiver.status(500));
            long subscription = IMPORTS.post("/notifications", "{\"url\":\"" + receiver.url("/broken") + "\"}")
                    .body().path("id").asLong();
            // a skipped schedule fire, as the scheduler writes it
            SERVER.execute("SELECT inflow_enqueue_notification('schedule.skipped', NULL, NULL, now(), "
                    + "'{\"reason\":\"a test\"}'::jsonb, NULL, false)");

            await().atMost(Duration.ofSeconds(30)).until(() -> delivery(subscription).path("status").asText()
                    .equals("failed"));
            JsonNode failed = delivery(subscription);
            int attempts = failed.path("attempts").asInt();
            assertThat(attempts).isGreaterThanOrEqualTo(4).isEqualTo(receiver.received().size());
            assertThat(receiver.received()).extracting(WebhookReceiver.Received::webhookId)
                    .containsOnly(failed.path("messageId").asText());
            assertThat(failed.path("lastAnswerCode").asInt()).isEqualTo(500);
            assertThat(failed.path("lastError").asText()).contains("gave up after " + attempts + " attempts");
            assertThat(failed.path("nextTryAt").isNull()).isTrue();
            assertThat(Duration.between(Instant.parse(failed.path("createdAt").asText()),
                    Instant.parse(failed.path("lastTryAt").asText()))).as("tried until the window's end")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2_900));

            Scrape scrape = Scrape.of("http://localhost:" + SERVER.app.getAdminPort() + "/metrics");
            assertThat(scrape.value("inflow_notifications_total", "outcome", "retried")).isEqualTo(attempts - 1);
            assertThat(scrape.value("inflow_notifications_total", "outcome", "failed")).isEqualTo(1);
            assertThat(scrape.value("inflow_notifications_total", "outcome", "delivered")).isZero();
        }
    }

    private static JsonNode delivery(long subscription) {
        return IMPORTS.get("/notifications/" + subscription + "/deliveries").body().at("/deliveries/0");
    }
}
