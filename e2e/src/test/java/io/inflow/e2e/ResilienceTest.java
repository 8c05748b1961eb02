package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flaky, rate-limited, quota-bound upstream: imports still end with exactly the upstream's records, no limit
 * broken, nothing dropped silently.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ResilienceTest {

    private static final int TABLE_RECORDS = 20_077;

    /** Airtable's limit raised to 50 per second so faults are many and the suite fast; connections ask for 45. */
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(50));
    /** Airtable's real limits, 5 per second per base, with a small main table. */
    private static final Sandbox REAL_LIMITS = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(1_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("upstream.initialBackoff", "10ms"),
            TestServer.setting("upstream.maxBackoff", "200ms"),
            TestServer.setting("upstream.breakerOpenFor", "1s"),
            // long enough for the fault profiles' bad luck, short enough for the outage test
            TestServer.setting("upstream.retryBudget", "8s"),
            TestServer.setting("upstream.quotaWindow", "5s"));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandboxes() {
        SANDBOX.close();
        REAL_LIMITS.close();
    }

    @BeforeEach
    void healAndReset() {
        SANDBOX_ADMIN.faults("{}");
        SANDBOX_ADMIN.reset();
    }

    @Test
    void aFullImportThroughFivePercent429sTenPercent5xxBrokenPagesAndDroppedConnectionsIsExact() {
        long connection = IMPORTS.createConnection(connection("clinic-flaky", 45));
        SANDBOX_ADMIN.faults("{\"http5xx\":0.10,\"http429\":0.05,\"malformedPage\":0.02,\"drop\":0.01}");

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        assertThat(run.path("counts").path("failed").asLong()).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        JsonNode stats = SANDBOX_ADMIN.airtableStats();
        assertThat(stats.path("violations").asLong()).isZero();
        JsonNode faults = stats.path("faults");
        assertThat(faults.path("http5xx").asLong()).as(faults.toString()).isPositive();
        assertThat(faults.path("http429").asLong()).isPositive();
        assertThat(faults.path("malformedPage").asLong()).isPositive();
    }

    @Test
    void malformedRecordsBecomeDeadLettersAndAReplayOnceHealedMakesTheTotalsExact() {
        long connection = IMPORTS.createConnection(connection("clinic-malformed", 45));
        SANDBOX_ADMIN.faults("{\"malformedRecord\":0.01}");

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        long failed = run.path("counts").path("failed").asLong();
        assertThat(failed).isPositive();
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS - failed);
        JsonNode letters = IMPORTS.get("/dead-letters?run=" + run.path("id").asLong() + "&limit=1000").body()
                .path("deadLetters");
        assertThat(letters).hasSize((int) failed);
        assertThat(letters.get(0).path("payload").asText()).contains("#corrupted#");
        assertThat(letters.get(0).path("reason").asText()).contains("fields");
        assertThat(letters.get(0).path("externalId").asText()).startsWith("rec");
        assertThat(IMPORTS.get("/connections/" + connection + "/stats").body().path("openDeadLetters").asLong())
                .isEqualTo(failed);

        SANDBOX_ADMIN.faults("{}");
        JsonNode replayed = IMPORTS.post("/dead-letters/replay?run=" + run.path("id").asLong(), "").body();

        assertThat(replayed.path("stored").asLong()).as(replayed.toString()).isEqualTo(failed);
        assertThat(replayed.path("failed").asLong()).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection
                + " AND payload::text LIKE '%#corrupted#%'")).isZero();
        assertThat(IMPORTS.get("/dead-letters?connection=" + connection).body().path("deadLetters")).isEmpty();
    }

    @Test
    void aPermanentlyFailingUpstreamFailsTheRunClearlyAndAResumeCompletesOnceItHeals() {
        long connection = IMPORTS.createConnection(connection("clinic-outage", 45));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> IMPORTS.run(runId).path("counts").path("inserted").asLong() >= 3_000);

        SANDBOX_ADMIN.faults("{\"http5xx\":1.0}");
        JsonNode failed = IMPORTS.awaitEnd(runId);

        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText())
                .contains("connection " + connection)
                .containsAnyOf("got no usable answer", "circuit breaker")
                .contains("upstream.retryBudget, 8 s")
                .doesNotContain("Exception");
        assertThat(SERVER.queryLong("SELECT count(*) FROM checkpoints WHERE position IS NOT NULL AND connection_id = "
                + connection)).isEqualTo(1);
        long stored = SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection);

        SANDBOX_ADMIN.faults("{}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Json.Answer resume = IMPORTS.post("/imports/" + runId + "/resume", "");
            if (resume.status() != 202) {
                return false;
            }
            String status = IMPORTS.awaitEnd(resume.body().path("id").asLong()).path("status").asText();
            return status.equals("succeeded");
        });

        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT sum(s.inserted) FROM import_run_streams s JOIN import_runs r "
                + "ON r.id = s.run_id WHERE r.connection_id = " + connection)).isEqualTo(TABLE_RECORDS);
        assertThat(stored).isLessThan(TABLE_RECORDS);
    }

    @Test
    void anExhaustedDailyQuotaParksTheRunUntilTheWindowOpensAndItThenCompletes() {
        JsonNode body = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "clinic-quota",
                "requestsPerSecond", "45", "dailyQuota", "100");
        long connection = IMPORTS.createUncheckedConnection(body); // every call counted is the import's
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();

        AtomicBoolean sawWaiting = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = IMPORTS.run(runId).path("status").asText();
            if (status.equals("waiting")) {
                sawWaiting.set(true);
            }
            return status.equals("succeeded") || status.equals("failed");
        });

        JsonNode run = IMPORTS.run(runId);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(sawWaiting).as("the run waited for its quota window").isTrue();
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        assertThat(SANDBOX_ADMIN.airtableStats().path("requests").asLong()).as("no page fetched twice").isEqualTo(201);
        JsonNode quota = IMPORTS.get("/connections/" + connection + "/stats").body().path("quota");
        assertThat(quota.path("dailyQuota").asLong()).isEqualTo(100);
        assertThat(quota.path("used").asLong()).isBetween(1L, 100L);
        assertThat(quota.path("remaining").asLong()).isEqualTo(100 - quota.path("used").asLong());
    }

    @Test
    void twoBasesAreLimitedIndependentlyAndTwoConnectionsToOneBaseShareItsLimit() {
        JsonNode sandboxConnections = new SandboxAdmin(REAL_LIMITS).connections();
        long main = IMPORTS.createConnection(copy(sandboxConnections.path("airtable"), "clinic-main"));
        long archive = IMPORTS.createConnection(copy(sandboxConnections.path("airtable-archive"), "clinic-archive"));
        long sameBase = IMPORTS.createConnection(copy(sandboxConnections.path("airtable"), "clinic-main-again"));

        long mainRun = IMPORTS.trigger(main, "full").body().path("id").asLong();
        long archiveRun = IMPORTS.trigger(archive, "full").body().path("id").asLong();
        long sameBaseRun = IMPORTS.trigger(sameBase, "full").body().path("id").asLong();
        List<JsonNode> ended = List.of(IMPORTS.awaitEnd(mainRun), IMPORTS.awaitEnd(archiveRun), IMPORTS.awaitEnd(sameBaseRun));

        assertThat(ended).allSatisfy(run -> assertThat(run.path("status").asText()).isEqualTo("succeeded"));
        assertThat(REAL_LIMITS.airtable().violationCount()).isZero();
        List<Instant> arrivals = new ArrayList<>();
        for (LoggedRequest request : REAL_LIMITS.airtable().requests()) {
            arrivals.add(request.at());
        }
        assertThat(mostInOneSecond(arrivals)).as("the two bases' limits added up").isGreaterThan(5);
        assertThat(REAL_LIMITS.airtable().requestCount()).as("each connection's check, then the pages of its import")
                .isEqualTo(3 + 10 + 20 + 10);
    }

    private static int mostInOneSecond(List<Instant> arrivals) {
        int most = 0;
        for (Instant end : arrivals) {
            int inWindow = (int) arrivals.stream()
                    .filter(at -> at.isAfter(end.minusSeconds(1)) && !at.isAfter(end)).count();
            most = Math.max(most, inWindow);
        }
        return most;
    }

    private static JsonNode copy(JsonNode body, String name) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.put("name", name);
        return copy;
    }

    private static JsonNode connection(String name, int requestsPerSecond) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond",
                Integer.toString(requestsPerSecond));
    }
}
