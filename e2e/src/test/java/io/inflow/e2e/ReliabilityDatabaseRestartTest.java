package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reliability: the PostgreSQL a node uses is restarted in the middle of a full import. The node's health goes 503
 * while the database is away and 200 again when it is back, without restarting the node; the run ends cleanly
 * (no run is left active) and, resumed if it did not finish by itself, ends with exactly the data of an
 * uninterrupted import.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@Tag(Suites.RELIABILITY)
class ReliabilityDatabaseRestartTest {

    private static final long TABLE_RECORDS = 20_077;

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0));
    private static final TestServer NODE = TestServer.node("node-a", DATABASE);
    private static final Imports IMPORTS = new Imports(NODE);
    private static final Json ANSWERS = new Json();

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = NODE.app;

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
    }

    @Test
    void aDatabaseRestartMidRunLeavesTheNodeHealthyAgainAndAResumeCompletesExactly() {
        long reference = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "reference", "requestsPerSecond", "1000"));
        assertThat(IMPORTS.run(reference, "full").path("status").asText()).isEqualTo("succeeded");
        long connection = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "restarted", "requestsPerSecond", "25"));
        Json.Answer triggered = IMPORTS.trigger(connection, "full");
        assertThat(triggered.status()).isEqualTo(202);
        long runId = triggered.body().path("id").asLong();
        await().atMost(Duration.ofMinutes(1)).until(() -> committed(connection) >= 3_000);

        int[] healthWhileDown = {0};
        Instant[] back = {null};
        DATABASE.restart(() -> {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> health() == 503);
            healthWhileDown[0] = health();
            sleep(Duration.ofSeconds(3));
        });
        back[0] = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> health() == 200);
        long recoverMillis = Duration.between(back[0], Instant.now()).toMillis();

        String lastOutcome = awaitNoActiveRun(connection);
        String firstOutcome = DATABASE.queryString("SELECT status FROM import_runs WHERE id = " + runId);
        boolean resumedByHand = false;
        // The node resumes an interrupted run by itself, a moment after marking it: a resume by hand in that moment
        // meets the node's own resume (409), whose end is then awaited instead.
        for (int attempt = 0; !lastOutcome.equals("succeeded") && attempt < 3; attempt++) {
            long last = DATABASE.queryLong("SELECT max(id) FROM import_runs WHERE connection_id = " + connection);
            Json.Answer resume = IMPORTS.post("/imports/" + last + "/resume", "{}");
            if (resume.status() == 202) {
                lastOutcome = IMPORTS.awaitEnd(resume.body().path("id").asLong()).path("status").asText();
                resumedByHand = true;
            } else {
                assertThat(resume.status()).as("%s", resume.body()).isEqualTo(409);
                lastOutcome = awaitNoActiveRun(connection);
            }
        }

        long runs = DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + connection);
        String expected = checksum(reference);
        String actual = checksum(connection);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("faultsInjected", 1);
        figures.put("healthWhileDown", healthWhileDown[0]);
        figures.put("healthRecoveredAfterMillis", recoverMillis);
        figures.put("interruptedRunEnded", firstOutcome);
        figures.put("runs", runs);
        figures.put("runsResumed", runs - 1);
        figures.put("resumedByHand", resumedByHand);
        figures.put("recordsCompared", DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = "
                + connection));
        figures.put("checksumsEqual", expected.equals(actual));
        ReliabilityFigures.write("database-restart", figures);

        assertThat(healthWhileDown[0]).isEqualTo(503);
        assertThat(firstOutcome).isIn("succeeded", "failed", "interrupted");
        assertThat(lastOutcome).isEqualTo("succeeded");
        assertThat(DATABASE.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        assertThat(committed(connection)).isEqualTo(TABLE_RECORDS);
        assertThat(actual).isEqualTo(expected);
    }

    /** Waits until the connection has no active run; the status of its newest run. */
    private static String awaitNoActiveRun(long connection) {
        await().atMost(Duration.ofMinutes(2)).until(() -> DATABASE.queryLong("SELECT count(*) FROM import_runs WHERE "
                + "status IN ('queued', 'running', 'waiting', 'cancelling') AND connection_id = " + connection) == 0);
        return DATABASE.queryString("SELECT status FROM import_runs WHERE connection_id = " + connection
                + " ORDER BY id DESC LIMIT 1");
    }

    private static int health() {
        try {
            return ANSWERS.get(NODE.api("/health")).status();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long committed(long connection) {
        return DATABASE.queryLong("SELECT COALESCE(sum(s.inserted), 0) FROM import_run_streams s JOIN import_runs r "
                + "ON r.id = s.run_id WHERE r.connection_id = " + connection);
    }

    private static String checksum(long connection) {
        return DATABASE.queryString("SELECT md5(string_agg(stream || '/' || external_id || '=' || payload::text, ',' "
                + "ORDER BY stream, external_id)) FROM records WHERE connection_id = " + connection);
    }
}
