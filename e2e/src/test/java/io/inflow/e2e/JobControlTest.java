package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cancel, resume, cooldown, schedules, the scheduler switch and the status page, on one node. */
@ExtendWith(DropwizardExtensionsSupport.class)
class JobControlTest {

    private static final int TABLE_RECORDS = 20_077;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aCancelledRunKeepsItsCheckpointAndItsResumeFinishesWithoutFetchingAPageTwice() {
        long connection = IMPORTS.createConnection(connection("clinic-cancel", 40));
        SANDBOX_ADMIN.reset();
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> IMPORTS.run(runId).path("counts").path("inserted").asLong() >= 2_000);

        Json.Answer cancel = IMPORTS.post("/imports/" + runId + "/cancel", "");
        JsonNode cancelled = IMPORTS.awaitEnd(runId);

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body().path("status").asText()).isIn("cancelling", "cancelled");
        assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
        long firstPart = cancelled.path("counts").path("inserted").asLong();
        assertThat(firstPart).isLessThan(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection)).isEqualTo(firstPart);
        assertThat(SERVER.queryLong("SELECT count(*) FROM checkpoints WHERE position IS NOT NULL AND connection_id = "
                + connection)).isEqualTo(1);

        Json.Answer resume = IMPORTS.post("/imports/" + runId + "/resume", "");
        assertThat(resume.status()).as(resume.body().toString()).isEqualTo(202);
        assertThat(resume.body().path("trigger").asText()).isEqualTo("resume");
        JsonNode resumed = IMPORTS.awaitEnd(resume.body().path("id").asLong());

        assertThat(resumed.path("status").asText()).isEqualTo("succeeded");
        assertThat(resumed.path("mode").asText()).isEqualTo("full");
        assertThat(firstPart + resumed.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        assertThat(resumed.path("counts").path("unchanged").asLong()).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        JsonNode requests = SANDBOX_ADMIN.airtableRequests();
        Set<String> pages = new HashSet<>();
        for (JsonNode request : requests) {
            assertThat(pages.add(request.path("query").toString())).as("page fetched twice: %s", request).isTrue();
        }
        assertThat(requests).hasSize(201);
        assertThat(IMPORTS.post("/imports/" + runId + "/cancel", "").status()).isEqualTo(409);
        assertThat(IMPORTS.post("/imports/" + resumed.path("id").asLong() + "/resume", "").status()).isEqualTo(409);
    }

    @Test
    void insideItsCooldownAConnectionAnswers429WithRetryAfterUnlessForced() {
        long connection = IMPORTS.createConnection(connection("clinic-cooldown", 2_000));
        Json.Answer schedule = IMPORTS.put("/connections/" + connection + "/schedule", "{\"cooldownSeconds\":3600}");
        assertThat(schedule.status()).as(schedule.body().toString()).isEqualTo(200);
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");

        Json.Answer refused = IMPORTS.trigger(connection, "incremental");
        Json.Answer forced = IMPORTS.post("/connections/" + connection + "/imports?force=true", "{\"mode\":\"incremental\"}");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().path("code").asText()).isEqualTo("cooldown");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(3_500L, 3_600L);
        assertThat(forced.status()).isEqualTo(202);
        assertThat(IMPORTS.awaitEnd(forced.body().path("id").asLong()).path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aCronScheduleFiresUntilTheSchedulerIsStoppedAndAgainWhenItStarts() {
        long connection = IMPORTS.createConnection(connection("clinic-cron", 2_000));
        Json.Answer bad = IMPORTS.put("/connections/" + connection + "/schedule", "{\"cron\":\"every day\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("details").path("errors").toString()).contains("cron");

        Json.Answer set = IMPORTS.put("/connections/" + connection + "/schedule",
                "{\"cron\":\"*/2 * * * * *\",\"timezone\":\"Europe/Paris\"}");

        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        JsonNode shown = IMPORTS.get("/connections/" + connection + "/schedule").body();
        assertThat(shown.path("enabled").asBoolean()).isTrue();
        assertThat(shown.path("timezone").asText()).isEqualTo("Europe/Paris");
        List<Instant> fires = new ArrayList<>();
        shown.path("nextFireTimes").forEach(fire -> fires.add(Instant.parse(fire.asText())));
        assertThat(fires).hasSize(5);
        for (int i = 1; i < fires.size(); i++) {
            assertThat(Duration.between(fires.get(i - 1), fires.get(i))).isEqualTo(Duration.ofSeconds(2));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns(connection, "succeeded") >= 2);

        assertThat(IMPORTS.post("/scheduler/stop", "").body().path("state").asText()).isEqualTo("stopped");
        await().atMost(Duration.ofSeconds(10)).until(() -> activeRuns(connection) == 0);
        long whileStopped = scheduledRuns(connection, null);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .until(() -> scheduledRuns(connection, null) == whileStopped);
        assertThat(IMPORTS.get("/scheduler").body().path("state").asText()).isEqualTo("stopped");
        assertThat(IMPORTS.trigger(connection, "incremental").status()).as("manual runs still start").isEqualTo(202);

        assertThat(IMPORTS.post("/scheduler/start", "").body().path("state").asText()).isEqualTo("running");
        await().atMost(Duration.ofSeconds(30)).until(() -> scheduledRuns(connection, null) > whileStopped);

        JsonNode scheduler = IMPORTS.get("/scheduler").body();
        assertThat(scheduler.path("upcoming").findValuesAsText("name")).contains("clinic-cron");
        assertThat(IMPORTS.put("/connections/" + connection + "/schedule", "{\"enabled\":false}").status()).isEqualTo(200);
        assertThat(IMPORTS.get("/connections/" + connection + "/schedule").body().path("nextFireTimes")).isEmpty();
        assertThat(SERVER.queryLong("SELECT count(*) FROM import_runs WHERE trigger = 'schedule' AND connection_id = "
                + connection)).isEqualTo(SERVER.queryLong("SELECT count(DISTINCT scheduled_for) FROM import_runs "
                + "WHERE trigger = 'schedule' AND connection_id = " + connection));
    }

    @Test
    void theStatusShowsARunInProgressWithPercentAndEtaAndEachConnectionsLastRun() {
        long connection = IMPORTS.createConnection(connection("clinic-status", 40));
        assertThat(IMPORTS.post("/connections/" + connection + "/imports?force=true", "{\"mode\":\"full\"}").status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> activeRuns(connection) == 0);
        long second = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> IMPORTS.run(second).path("counts").path("unchanged").asLong() >= 1_000);

        JsonNode status = IMPORTS.get("/status").body();

        JsonNode inProgress = null;
        for (JsonNode entry : status.path("inProgress")) {
            if (entry.path("run").path("id").asLong() == second) {
                inProgress = entry;
            }
        }
        assertThat(inProgress).as(status.toString()).isNotNull();
        assertThat(inProgress.path("percent").asDouble()).isBetween(1.0, 100.0);
        assertThat(inProgress.path("etaSeconds").isNumber()).isTrue();
        assertThat(status.path("scheduler").asText()).isIn("running", "stopped");
        assertThat(status.path("lastRuns").findValuesAsText("name")).contains("clinic-status");
        IMPORTS.post("/imports/" + second + "/cancel", "");
        IMPORTS.awaitEnd(second);
    }

    @Test
    void theHistoryFiltersAndPagesNewestFirst() {
        long connection = IMPORTS.createConnection(connection("clinic-history", 2_000));
        long first = IMPORTS.run(connection, "full").path("id").asLong();
        long second = IMPORTS.run(connection, "incremental").path("id").asLong();
        long third = IMPORTS.run(connection, "incremental").path("id").asLong();

        JsonNode page1 = IMPORTS.get("/imports?connection=" + connection + "&limit=2").body();
        JsonNode page2 = IMPORTS.get("/imports?connection=" + connection + "&limit=2&cursor="
                + page1.path("nextCursor").asText()).body();

        assertThat(page1.path("runs").findValuesAsText("id")).containsExactly(Long.toString(third), Long.toString(second));
        assertThat(page2.path("runs").findValuesAsText("id")).containsExactly(Long.toString(first));
        assertThat(page2.path("nextCursor").isNull()).isTrue();
        assertThat(IMPORTS.get("/imports?connection=" + connection + "&status=succeeded&trigger=manual").body()
                .path("runs")).hasSize(3);
        assertThat(IMPORTS.get("/imports?connection=" + connection + "&since=2999-01-01T00:00:00Z").body()
                .path("runs")).isEmpty();
        assertThat(IMPORTS.get("/imports?status=sleeping").status()).isEqualTo(400);
        assertThat(IMPORTS.get("/imports?since=yesterday").status()).isEqualTo(400);
        JsonNode run = page1.path("runs").get(0);
        assertThat(run.has("durationSeconds")).isTrue();
        assertThat(run.has("recordsPerSecond")).isTrue();
        assertThat(run.path("streams").path("Conversations").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void checkpointsCanBeReadSetAndResetButNotWhileARunIsActive() {
        long connection = IMPORTS.createConnection(connection("clinic-checkpoints", 40));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> IMPORTS.run(runId).path("counts").path("inserted").asLong() > 0);

        Json.Answer refused = IMPORTS.delete("/connections/" + connection + "/checkpoints");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("details").path("activeRunId").asLong()).isEqualTo(runId);
        IMPORTS.awaitEnd(runId);

        JsonNode checkpoints = IMPORTS.get("/connections/" + connection + "/checkpoints").body();
        assertThat(checkpoints).hasSize(1);
        assertThat(checkpoints.get(0).path("stream").asText()).isEqualTo("Conversations");
        assertThat(checkpoints.get(0).path("position").isNull()).isTrue();
        assertThat(checkpoints.get(0).path("watermark").path("after").asText()).isNotBlank();

        Json.Answer set = IMPORTS.put("/connections/" + connection + "/checkpoints/Conversations",
                "{\"watermark\":{\"after\":\"2999-01-01T00:00:00Z\"}}");
        assertThat(set.status()).isEqualTo(200);
        SANDBOX_ADMIN.reset();
        JsonNode nothingNew = IMPORTS.run(connection, "incremental");
        assertThat(nothingNew.path("counts").path("unchanged").asLong()
                + nothingNew.path("counts").path("updated").asLong()).isZero();

        Json.Answer reset = IMPORTS.delete("/connections/" + connection + "/checkpoints");
        assertThat(reset.body().path("reset").asInt()).isEqualTo(1);
        SANDBOX_ADMIN.reset();
        JsonNode rescanned = IMPORTS.run(connection, "incremental");
        assertThat(rescanned.path("counts").path("unchanged").asLong()).as("an incremental after a reset reads all")
                .isEqualTo(TABLE_RECORDS);
        assertThat(SANDBOX_ADMIN.airtableRequests()).hasSize(201);
        assertThat(IMPORTS.get("/connections/" + connection + "/checkpoints/NoSuchTable").status()).isEqualTo(404);
        Json.Answer unknown = IMPORTS.put("/connections/" + connection + "/checkpoints/NoSuchTable",
                "{\"watermark\":{\"after\":\"2999-01-01T00:00:00Z\"}}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("stream_not_found");
        assertThat(unknown.body().path("details").path("streams").get(0).asText()).isEqualTo("Conversations");
        assertThat(IMPORTS.get("/connections/" + connection + "/checkpoints").body()).as("nothing stored").hasSize(1);
    }

    private static JsonNode connection(String name, int requestsPerSecond) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond",
                Integer.toString(requestsPerSecond));
    }

    private static long scheduledRuns(long connection, String status) {
        return SERVER.queryLong("SELECT count(*) FROM import_runs WHERE trigger = 'schedule' AND connection_id = "
                + connection + (status == null ? "" : " AND status = '" + status + "'"));
    }

    private static long activeRuns(long connection) {
        return SERVER.queryLong("SELECT count(*) FROM import_runs WHERE status IN ('queued', 'running', 'cancelling') "
                + "AND connection_id = " + connection);
    }
}
