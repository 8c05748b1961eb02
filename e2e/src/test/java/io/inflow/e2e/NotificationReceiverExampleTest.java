package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's webhook receiver ({@code examples/webhook-receiver/receiver.py}) runs as written: it takes what
 * Inflow signs and refuses what a forger sends. It needs python3 (CI installs it), and fails without it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationReceiverExampleTest {

    private static final Path RECEIVER = Path.of("../examples/webhook-receiver/receiver.py");
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.allowPrivateTargets", "true"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @Test
    void theExampleReceiverTakesASignedNotificationAndRefusesAForgedOne() throws Exception {
        assertThat(python3()).as("python3 runs the example receiver: apt-get install python3").isTrue();
        int port = ServerJar.freePort();
        Json.Answer created = IMPORTS.post("/notifications", "{\"url\":\"http://127.0.0.1:" + port + "/\"}");
        assertThat(created.status()).isEqualTo(201);
        long subscription = created.body().path("id").asLong();
        Path output = Files.createTempFile("receiver", ".out");
        ProcessBuilder builder = new ProcessBuilder("python3", RECEIVER.toString()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("INFLOW_WEBHOOK_SECRET", created.body().path("secret").asText());
        builder.environment().put("PORT", Integer.toString(port));
        Process receiver = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() > 0);

            Json.Answer tested = IMPORTS.post("/notifications/" + subscription + "/test", "");
            assertThat(tested.body().path("delivered").asBoolean()).as("%s", tested.body()).isTrue();
            assertThat(tested.body().path("answerCode").asInt()).isEqualTo(204);

            HttpResponse<Void> forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .header("webhook-id", "msg_forged")
                    .header("webhook-timestamp", Long.toString(Instant.now().getEpochSecond()))
                    .header("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"run.failed\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(forged.statusCode()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(output).contains("msg_forged"));
            assertThat(Files.readString(output)).contains(tested.body().path("messageId").asText() + " {")
                    .contains("\"type\":\"test\"").contains("msg_forged refused");
        } finally {
            receiver.destroy();
        }
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
