package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A run that spends its connection's daily quota needs a person: it is told as {@code quota.exhausted}, and, as it
 * is held until the quota window opens (longer than {@code notifications.waitingThreshold}), as
 * {@code run.waiting}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationQuotaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(250).withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.allowPrivateTargets", "true"),
            TestServer.setting("notifications.pollInterval", "100ms"),
            // the quota window opens at the next midnight UTC: a threshold that any hold until then passes
            TestServer.setting("notifications.waitingThreshold", "2s"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aRunThatSpentItsDailyQuotaIsToldExhaustedAndWaiting() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                    new SandboxAdmin(SANDBOX).connections(), "clinic-quota-notified", "dailyQuota", "1"));
            Json.Answer created = IMPORTS.post("/notifications", "{\"url\":\"" + receiver.url("/quota")
                    + "\",\"events\":[\"quota.exhausted\",\"run.waiting\"],\"connections\":[" + connection + "]}");
            assertThat(created.status()).isEqualTo(201);
            long run = IMPORTS.trigger(connection, "full").body().path("id").asLong();

            await().atMost(WAIT).until(() -> IMPORTS.run(run).path("status").asText().equals("waiting"));
            await().atMost(WAIT).until(() -> receiver.received().size() >= 2);
            assertThat(IMPORTS.post("/imports/" + run + "/cancel", "").status()).isLessThan(300);

            Map<String, JsonNode> byType = receiver.received().stream().map(WebhookReceiver.Received::json)
                    .collect(Collectors.toMap(body -> body.path("type").asText(), body -> body));
            assertThat(byType).containsOnlyKeys("quota.exhausted", "run.waiting");
            for (JsonNode told : List.copyOf(byType.values())) {
                assertThat(told.at("/data/run/id").asLong()).isEqualTo(run);
                assertThat(told.at("/data/run/status").asText()).isEqualTo("waiting");
                assertThat(told.at("/data/run/resumeAt").isNull()).isFalse();
                assertThat(told.at("/data/run/waitingReason").asText()).containsIgnoringCase("quota");
                assertThat(told.at("/data/connection/name").asText()).isEqualTo("clinic-quota-notified");
            }
            assertThat(receiver.received()).allSatisfy(request -> assertThat(request.signedWith(
                    created.body().path("secret").asText())).isTrue());
        }
    }
}
