package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Notification mail through a real SMTP server in the test (GreenMail), which asks for a login: the server's
 * password is a {@code ${file:…}} reference, resolved as the mail is sent.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationMailTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SMTP_PORT = ServerJar.freePort();
    private static final GreenMail SMTP = smtp();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(20).withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("notifications.pollInterval", "100ms"),
            TestServer.setting("notifications.smtp.host", "127.0.0.1"),
            TestServer.setting("notifications.smtp.port", Integer.toString(SMTP_PORT)),
            TestServer.setting("notifications.smtp.startTls", "false"),
            TestServer.setting("notifications.smtp.user", "inflow"),
            TestServer.setting("notifications.smtp.password", "${file:" + passwordFile() + "}"),
            TestServer.setting("notifications.smtp.from", "inflow@clinic.example"));
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    private static GreenMail smtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("inflow", "mail-password"));
        smtp.start();
        return smtp;
    }

    private static Path passwordFile() {
        try {
            Path file = Files.createTempFile("inflow-smtp", ".password");
            Files.writeString(file, "mail-password\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        SMTP.stop();
    }

    @Test
    void aFailedRunSendsOneMailToTheSubscribedAddressWithTheRunsError() throws Exception {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(), "clinic-mailed", "apiToken", "patWrongToken.0000000000"));
        Json.Answer created = IMPORTS.post("/notifications",
                "{\"email\":[\"ops@example.com\"],\"events\":[\"run.failed\"]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("secret").isNull()).as("mail has no secret").isTrue();
        long subscription = created.body().path("id").asLong();

        JsonNode failed = IMPORTS.run(connection, "full");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        String error = failed.path("error").asText();
        assertThat(error).contains("401");

        assertThat(SMTP.waitForIncomingEmail(WAIT.toMillis(), 1)).isTrue();
        await().atMost(WAIT).until(() -> IMPORTS.get("/notifications/" + subscription + "/deliveries").body()
                .at("/deliveries/0/status").asText().equals("delivered"));
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ops@example.com");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("inflow@clinic.example");
        assertThat(mail.getSubject()).isEqualTo("[Inflow] Import failed: clinic-mailed (run "
                + failed.path("id").asLong() + ")");
        MimeMultipart alternatives = (MimeMultipart) mail.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        BodyPart text = alternatives.getBodyPart(0);
        BodyPart html = alternatives.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) text.getContent()).contains("Error: " + error).contains("Status: failed")
                .contains("Connection: clinic-mailed");
        assertThat((String) html.getContent()).contains("<td>failed</td>").contains("401");
        JsonNode delivery = IMPORTS.get("/notifications/" + subscription + "/deliveries").body().at("/deliveries/0");
        assertThat(delivery.path("lastAnswerCode").asInt()).isEqualTo(250);
        assertThat(delivery.path("attempts").asInt()).isEqualTo(1);

        Json.Answer tested = IMPORTS.post("/notifications/" + subscription + "/test", "");
        assertThat(tested.body().path("delivered").asBoolean()).isTrue();
        assertThat(SMTP.waitForIncomingEmail(WAIT.toMillis(), 2)).isTrue();
        assertThat(SMTP.getReceivedMessages()[1].getSubject()).isEqualTo("[Inflow] Test notification");
    }
}
