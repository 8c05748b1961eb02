package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator reads when an upstream refuses or cannot be reached: the run's error and the check's message say
 * it in words (host and port, "connection refused"), never as a Java class name, and the log says it in one WARN
 * line naming the connection and the run, without a stack trace.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Isolated // it reads every line the JVM logs
class UpstreamErrorsInWordsTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("upstream.retryBudget", "2s"),
            TestServer.setting("upstream.initialBackoff", "50ms"),
            TestServer.setting("upstream.maxBackoff", "200ms"));
    private static final Imports IMPORTS = new Imports(SERVER);
    private static CapturedLog log;

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @BeforeAll
    static void listen() {
        log = CapturedLog.listen(Level.INFO);
    }

    @AfterAll
    static void stop() {
        log.close();
        SANDBOX.close();
    }

    @Test
    void anUpstreamThatRefusesTheTokenFailsTheRunWithOneWarningLineAndNoStackTrace() {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(),
                "clinic-wrong-token", "apiToken", "patWrongToken.0000000000"));

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).isEqualTo("failed");
        long runId = run.path("id").asLong();
        List<ILoggingEvent> lines = failureLinesOf(runId);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("Run " + runId + " of connection " + connection
                    + " failed reading stream Conversations: ").contains("401");
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });
    }

    @Test
    void anUnreachableUpstreamIsSaidInWordsInTheRunTheCheckAndTheLog() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(
                new SandboxAdmin(SANDBOX).connections(),
                "clinic-unreachable", "baseUrl", "http://localhost:" + closed));

        JsonNode run = IMPORTS.run(connection, "full");
        JsonNode check = IMPORTS.post("/connections/" + connection + "/check", "").body();

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText())
                .contains("localhost:" + closed + ": connection refused")
                .contains("upstream.retryBudget, 2 s")
                .doesNotContain("Exception").doesNotContain("java.");
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("message").asText()).contains("localhost:" + closed + ": connection refused")
                .doesNotContain("Exception");
        assertThat(failureLinesOf(run.path("id").asLong())).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).contains("connection refused");
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });
    }

    private static List<ILoggingEvent> failureLinesOf(long runId) {
        return log.lines().stream()
                .filter(event -> event.getLoggerName().endsWith("ImportRunner"))
                .filter(event -> event.getFormattedMessage().startsWith("Run " + runId + " of connection"))
                .filter(event -> event.getFormattedMessage().contains(" failed reading stream "))
                .toList();
    }
}
