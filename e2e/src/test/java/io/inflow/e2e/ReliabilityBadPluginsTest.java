package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability: bad plugin jars beside good ones. Broken jars (a corrupt zip, no descriptor, a plugin whose start
 * throws) fail alone; a connector whose {@code read} never comes back can be cancelled (its thread is interrupted
 * after {@code jobs.cancelGrace}) and times out when it commits nothing for {@code jobs.stallTimeout}; one that
 * also ignores interrupts has its run ended without it. Through all of it the server stays healthy and its other
 * runs succeed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag(Suites.RELIABILITY)
class ReliabilityBadPluginsTest {

    /** Sleeps after its first commit until interrupted; the interrupt ends the read. */
    private static final String HANGS_UNTIL_INTERRUPTED = "Thread.sleep(Long.MAX_VALUE);";

    /** Swallows every interrupt for two minutes (sleeping, so it does not burn a core meanwhile). */
    private static final String IGNORES_INTERRUPTS = """
            long until = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    // deaf on purpose
                }
            }
            """;

    private static final TestServer SERVER = TestServer.withPlugins(plugins -> {
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5});
        TestJars.writeJarWithoutDescriptor(plugins.resolve("no-descriptor.jar"));
        TestJars.writePluginThatThrowsOnStart(plugins.resolve("exploding.jar"));
        writeConnector(plugins.resolve("stuck.jar"), "stuck", HANGS_UNTIL_INTERRUPTED);
        writeConnector(plugins.resolve("deaf.jar"), "deaf", IGNORES_INTERRUPTS);
        writeConnector(plugins.resolve("quick.jar"), "quick", "");
    }, TestServer.setting("jobs.cancelGrace", "1s"), TestServer.setting("jobs.stallTimeout", "4s"));
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final AtomicInteger FAULTS = new AtomicInteger();
    private static final Map<String, Object> OUTCOMES = new LinkedHashMap<>();

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void writeFigures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("faultsInjected", FAULTS.get());
        figures.put("outcomes", OUTCOMES);
        ReliabilityFigures.write("bad-plugins", figures);
    }

    @Test
    void brokenJarsFailAloneAndTheServerStaysHealthy() {
        FAULTS.addAndGet(3);
        assertThat(pluginState("corrupt.jar")).isEqualTo("FAILED");
        assertThat(pluginState("no-descriptor.jar")).isEqualTo("FAILED");
        assertThat(pluginState("exploding")).isEqualTo("FAILED");
        assertThat(pluginState("stuck")).isEqualTo("STARTED");
        assertHealthyAndAnotherRunSucceeds();
        OUTCOMES.put("brokenJars", "3 FAILED, server healthy");
    }

    @Test
    void aCancelledRunWhoseReadNeverReturnsIsInterruptedAfterTheGraceAndItsConnectionCanRunAgain() {
        FAULTS.incrementAndGet();
        long connection = IMPORTS.createConnection(Json.parse(
                "{\"plugin\":\"stuck\",\"name\":\"stuck-cancelled\",\"config\":{}}"));
        long runId = startAndAwaitFirstCommit(connection);

        Json.Answer cancelled = IMPORTS.post("/imports/" + runId + "/cancel", "");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().path("status").asText()).isEqualTo("cancelling");

        JsonNode ended = IMPORTS.awaitEnd(runId);
        assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("cancelled");
        assertThat(SERVER.queryLong("SELECT count(*) FROM import_run_streams WHERE status = 'cancelled' AND run_id = "
                + runId)).isEqualTo(1);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection)).isEqualTo(1);
        assertHealthyAndAnotherRunSucceeds();
        Json.Answer again = IMPORTS.trigger(connection, "full");
        assertThat(again.status()).as("the connection's slot is free: %s", again.body()).isEqualTo(202);
        IMPORTS.post("/imports/" + again.body().path("id").asLong() + "/cancel", "");
        assertThat(IMPORTS.awaitEnd(again.body().path("id").asLong()).path("status").asText()).isEqualTo("cancelled");
        OUTCOMES.put("hangingReadCancelled", ended.path("status").asText());
    }

    @Test
    void aReadThatCommitsNothingForTheStallTimeoutIsInterruptedAndItsRunFails() {
        FAULTS.incrementAndGet();
        long connection = IMPORTS.createConnection(Json.parse(
                "{\"plugin\":\"stuck\",\"name\":\"stuck-stalled\",\"config\":{}}"));
        long runId = startAndAwaitFirstCommit(connection);

        JsonNode ended = IMPORTS.awaitEnd(runId);

        assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("failed");
        assertThat(ended.path("error").asText()).isEqualTo("stream items: no progress (no commit) for PT4S "
                + "(jobs.stallTimeout); the read was interrupted");
        assertHealthyAndAnotherRunSucceeds();
        OUTCOMES.put("hangingReadStalled", ended.path("status").asText());
    }

    @Test
    void aConnectorThatIgnoresInterruptsHasItsCancelledRunEndedWithoutIt() {
        FAULTS.incrementAndGet();
        long connection = IMPORTS.createConnection(Json.parse(
                "{\"plugin\":\"deaf\",\"name\":\"deaf-cancelled\",\"config\":{}}"));
        long runId = startAndAwaitFirstCommit(connection);

        IMPORTS.post("/imports/" + runId + "/cancel", "");
        JsonNode ended = IMPORTS.awaitEnd(runId);

        assertThat(ended.path("status").asText()).as("%s", ended).isEqualTo("cancelled");
        assertThat(ended.path("error").asText()).isEqualTo("cancelled; the connector ignored the interrupt, so its "
                + "worker thread stays busy until the node restarts");
        assertHealthyAndAnotherRunSucceeds();
        OUTCOMES.put("deafReadCancelled", ended.path("status").asText());
    }

    private static long startAndAwaitFirstCommit(long connection) {
        Json.Answer triggered = IMPORTS.trigger(connection, "full");
        assertThat(triggered.status()).as("%s", triggered.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> SERVER.queryLong(
                "SELECT count(*) FROM records WHERE connection_id = " + connection) == 1);
        return triggered.body().path("id").asLong();
    }

    private static void assertHealthyAndAnotherRunSucceeds() {
        assertThat(IMPORTS.get("/health").status()).isEqualTo(200);
        long quick = IMPORTS.createConnection(Json.parse(
                "{\"plugin\":\"quick\",\"name\":\"quick-" + System.nanoTime() + "\",\"config\":{}}"));
        JsonNode run = IMPORTS.run(quick, "full");
        assertThat(run.path("status").asText()).as("%s", run).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(1);
    }

    private static String pluginState(String id) {
        for (JsonNode plugin : IMPORTS.get("/plugins").body()) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin.path("state").asText();
            }
        }
        return "absent";
    }

    /** A connector whose one stream commits one record, then does {@code afterFirstCommit}. */
    private static void writeConnector(Path jar, String pluginId, String afterFirstCommit) throws IOException {
        String pkg = "test." + pluginId;
        String connector = """
                package %s;
                import io.inflow.api.Checkpoint;
                import io.inflow.api.Connector;
                import io.inflow.api.ConnectorContext;
                import io.inflow.api.ConnectorSpec;
                import io.inflow.api.Limits;
                import io.inflow.api.ReadContext;
                import io.inflow.api.config.ConfigSchema;
                import io.inflow.api.record.Batch;
                import io.inflow.api.record.Record;
                import java.time.Instant;
                import java.util.List;
                public final class TestConnector implements Connector {
                    @Override
                    public ConnectorSpec spec() {
                        return new ConnectorSpec("%s", "a reliability test connector", ConfigSchema.of(),
                                Limits.perSecond(10), List.of("items"));
                    }
                    @Override
                    public void check(ConnectorContext context) {
                    }
                    @Override
                    public void read(String stream, Checkpoint checkpoint, ReadContext context)
                            throws InterruptedException {
                        context.commit(new Batch(List.of(new Record(stream, "first", "{\\"n\\":1}",
                                Instant.parse("2024-01-01T00:00:00Z"))), Checkpoint.of("page", "1")));
                        %s
                    }
                }
                """.formatted(pkg, pluginId, afterFirstCommit);
        TestJars.writeConnectorPlugin(jar, pluginId, "1.0.0", Map.of(pkg + ".TestConnector", connector),
                List.of(pkg + ".TestConnector"));
    }
}
