package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Changing, deleting and checking connections through the API, against the sandbox's Airtable: secrets survive a
 * read-edit-write round trip, a running import keeps the configuration it started with, a deletion keeps or purges
 * the imported records, and a check answers what the upstream said.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConnectionsApiTest {

    private static final int TABLE_RECORDS = 20_077;
    private static final String MASK = "********";

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins ->
            Files.copy(Path.of(System.getProperty("inflow.example.jar")), plugins.resolve("notes.jar")));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void putReplacesTheConfigAndTheNameAndAnswersSecretsMasked() {
        long connection = IMPORTS.createConnection(airtable("put-plain", 1_000));
        ObjectNode config = airtable("ignored", 500).with("config");
        config.put("apiToken", "a-new-token");

        Json.Answer put = IMPORTS.put("/connections/" + connection + "?check=false",
                "{\"name\":\"put-renamed\",\"config\":" + config + "}");

        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        assertThat(put.body().path("name").asText()).isEqualTo("put-renamed");
        assertThat(put.body().path("config").path("apiToken").asText()).isEqualTo(MASK);
        assertThat(put.body().path("config").path("requestsPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(put.body().toString()).doesNotContain("a-new-token");
        JsonNode read = IMPORTS.get("/connections/" + connection).body();
        assertThat(read.path("name").asText()).isEqualTo("put-renamed");
        assertThat(read.path("config").path("requestsPerSecond").asDouble()).isEqualTo(500.0);
        assertThat(SERVER.queryString("SELECT config::text FROM connections WHERE id = " + connection))
                .as("stored encrypted").contains("$enc").doesNotContain("a-new-token");
        JsonNode check = IMPORTS.post("/connections/" + connection + "/check", "").body();
        assertThat(check.path("ok").asBoolean()).as("the new token is the one used: %s", check).isFalse();
        assertThat(check.path("message").asText()).contains("token").doesNotContain("a-new-token");
    }

    @Test
    void aNewConnectionIsCheckedAgainstItsUpstreamAndOneThatFailsIsNotStored() {
        long connectionsBefore = SERVER.queryLong("SELECT count(*) FROM connections");
        SANDBOX_ADMIN.reset();
        ObjectNode wrong = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "create-wrong-token",
                "apiToken", "not-the-token", "requestsPerSecond", "1000");

        Json.Answer refused = IMPORTS.post("/connections", wrong.toString());

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().path("code").asText()).isEqualTo("check_failed");
        assertThat(refused.body().path("message").asText()).contains("nothing was saved").contains("401")
                .contains("?check=false").doesNotContain("not-the-token");
        assertThat(refused.body().path("details").path("check").path("ok").asBoolean()).isFalse();
        assertThat(SERVER.queryLong("SELECT count(*) FROM connections")).as("rows, deleted ones too")
                .isEqualTo(connectionsBefore);
        assertThat(SANDBOX_ADMIN.airtableRequests().findValuesAsText("status")).as("the check's call").contains("401");
        List<Long> stored = SERVER.queryStrings("SELECT id FROM connections").stream().map(Long::valueOf).toList();
        assertThat(IMPORTS.get("/health").body().path("upstreams").findValues("connection"))
                .as("breakers, of stored connections only").allSatisfy(id -> assertThat(stored).contains(id.asLong()));

        long unchecked = IMPORTS.createUncheckedConnection(wrong);
        assertThat(IMPORTS.get("/connections/" + unchecked).body().path("name").asText())
                .isEqualTo("create-wrong-token");
        long checked = IMPORTS.createConnection(airtable("create-checked", 1_000));
        assertThat(IMPORTS.get("/connections/" + checked).body().path("name").asText()).isEqualTo("create-checked");
        assertThat(IMPORTS.post("/connections?check=maybe", airtable("create-maybe", 1_000).toString()).body()
                .path("details").path("parameter").asText()).isEqualTo("check");
    }

    @Test
    void aPutWhoseCheckFailsChangesNothing() {
        long connection = IMPORTS.createConnection(airtable("put-checked", 1_000));
        JsonNode before = IMPORTS.get("/connections/" + connection).body();
        String storedBefore = SERVER.queryString("SELECT config::text FROM connections WHERE id = " + connection);
        ObjectNode config = airtable("ignored", 500).with("config");
        config.put("apiToken", "a-wrong-token");

        Json.Answer refused = IMPORTS.put("/connections/" + connection,
                "{\"name\":\"put-checked-2\",\"config\":" + config + "}");

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.body().path("code").asText()).isEqualTo("check_failed");
        assertThat(refused.body().toString()).contains("401").doesNotContain("a-wrong-token");
        assertThat(IMPORTS.get("/connections/" + connection).body()).isEqualTo(before);
        assertThat(SERVER.queryString("SELECT config::text FROM connections WHERE id = " + connection))
                .isEqualTo(storedBefore);
        config.put("apiToken", MASK);
        Json.Answer accepted = IMPORTS.put("/connections/" + connection, "{\"config\":" + config + "}");
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(200);
        assertThat(accepted.body().path("config").path("requestsPerSecond").asDouble()).isEqualTo(500.0);
    }

    @Test
    void aConfigPutBackAsReadKeepsTheMaskedSecretAndStillImports() {
        long connection = IMPORTS.createConnection(airtable("put-round-trip", 1_000));
        JsonNode read = IMPORTS.get("/connections/" + connection).body();
        ObjectNode config = read.path("config").deepCopy();
        assertThat(config.path("apiToken").asText()).isEqualTo(MASK);
        config.put("requestsPerSecond", 900);

        Json.Answer put = IMPORTS.put("/connections/" + connection, "{\"config\":" + config + "}");

        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        assertThat(put.body().path("name").asText()).isEqualTo("put-round-trip");
        assertThat(put.body().path("config").path("requestsPerSecond").asDouble()).isEqualTo(900.0);
        JsonNode run = IMPORTS.run(connection, "full");
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
    }

    @Test
    void aSecretLeftOutIsKeptToo() {
        long connection = IMPORTS.createConnection(airtable("put-secret-left-out", 1_000));
        ObjectNode config = airtable("ignored", 1_000).with("config");
        config.remove("apiToken");

        assertThat(IMPORTS.put("/connections/" + connection, "{\"config\":" + config + "}").status()).isEqualTo(200);

        assertThat(IMPORTS.post("/connections/" + connection + "/check", "").body().path("ok").asBoolean()).isTrue();
    }

    @Test
    void aPutWithBadFieldsIsRefusedNamingEachAndChangesNothing() {
        long connection = IMPORTS.createConnection(airtable("put-bad", 1_000));
        JsonNode before = IMPORTS.get("/connections/" + connection).body();
        ObjectNode config = airtable("ignored", 1_000).with("config");
        config.put("tables", 5);
        config.put("colour", "blue");

        Json.Answer bad = IMPORTS.put("/connections/" + connection, "{\"name\":\"put-bad-2\",\"config\":" + config + "}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("code").asText()).isEqualTo("invalid_config");
        assertThat(bad.body().path("details").path("errors").findValuesAsText("field"))
                .containsExactly("config.tables", "config.colour");
        assertThat(IMPORTS.get("/connections/" + connection).body()).isEqualTo(before);

        Json.Answer unknown = IMPORTS.put("/connections/" + connection, "{\"config\":{},\"colour\":\"blue\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().path("code").asText()).isEqualTo("unknown_field");
        Json.Answer wrongType = IMPORTS.put("/connections/" + connection, "{\"config\":\"apiToken=x\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("code").asText()).isEqualTo("wrong_type");
        Json.Answer noConfig = IMPORTS.put("/connections/" + connection, "{\"name\":\"put-bad-3\"}");
        assertThat(noConfig.status()).isEqualTo(400);
        assertThat(noConfig.body().path("details").path("errors").findValuesAsText("field")).containsExactly("config");
        Json.Answer otherPlugin = IMPORTS.put("/connections/" + connection, "{\"plugin\":\"notes\",\"config\":{}}");
        assertThat(otherPlugin.status()).isEqualTo(400);
        assertThat(otherPlugin.body().path("code").asText()).isEqualTo("plugin_immutable");
        assertThat(IMPORTS.put("/connections/999999", "{\"config\":{}}").status()).isEqualTo(404);
        assertThat(IMPORTS.get("/connections/" + connection).body()).isEqualTo(before);
    }

    @Test
    void aPutToANameTakenIsAConflict() {
        IMPORTS.createConnection(airtable("put-taken", 1_000));
        long connection = IMPORTS.createConnection(airtable("put-taker", 1_000));

        Json.Answer taken = IMPORTS.put("/connections/" + connection,
                "{\"name\":\"put-taken\",\"config\":" + airtable("ignored", 1_000).path("config") + "}");

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().path("code").asText()).isEqualTo("name_taken");
        assertThat(IMPORTS.get("/connections/" + connection).body().path("name").asText()).isEqualTo("put-taker");
    }

    @Test
    void aRunningImportFinishesWithTheConfigItStartedWithAndTheNextUsesTheNewOne() {
        long connection = IMPORTS.createConnection(airtable("put-mid-run", 40));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> IMPORTS.run(runId).path("counts").path("inserted").asLong() >= 1_000);
        ObjectNode config = airtable("ignored", 1_000).with("config");
        config.put("apiToken", "not-the-token");

        Json.Answer put = IMPORTS.put("/connections/" + connection + "?check=false", "{\"config\":" + config + "}");
        JsonNode run = IMPORTS.awaitEnd(runId);

        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        JsonNode next = IMPORTS.run(connection, "full");
        assertThat(next.path("status").asText()).isEqualTo("failed");
        assertThat(next.path("error").asText()).contains("Airtable rejected the API token").contains("401");
    }

    @Test
    void aDeletionIsRefusedDuringARunAndAfterItKeepsTheRecordsAndFreesTheName() {
        long connection = IMPORTS.createConnection(airtable("delete-me", 40));
        long runId = IMPORTS.trigger(connection, "full").body().path("id").asLong();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> IMPORTS.run(runId).path("counts").path("inserted").asLong() > 0);

        Json.Answer refused = IMPORTS.delete("/connections/" + connection);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("run_active");
        assertThat(refused.body().path("details").path("activeRunId").asLong()).isEqualTo(runId);
        assertThat(IMPORTS.awaitEnd(runId).path("status").asText()).isEqualTo("succeeded");

        Json.Answer deleted = IMPORTS.delete("/connections/" + connection);

        assertThat(deleted.status()).as(deleted.body().toString()).isEqualTo(204);
        assertThat(IMPORTS.get("/connections/" + connection).status()).isEqualTo(404);
        assertThat(IMPORTS.get("/connections").body().findValuesAsText("name")).doesNotContain("delete-me");
        assertThat(IMPORTS.trigger(connection, "full").status()).isEqualTo(404);
        assertThat(IMPORTS.delete("/connections/" + connection).status()).isEqualTo(404);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT count(*) FROM airtable_records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        assertThat(SERVER.queryLong("SELECT count(*) FROM connections WHERE config = '{}'::jsonb AND id = "
                + connection)).as("the deleted connection's secrets are not kept").isEqualTo(1);
        assertThat(IMPORTS.get("/imports?connection=" + connection).body().path("runs").size()).isEqualTo(1);
        assertThat(IMPORTS.get("/status").body().path("lastRuns").findValuesAsText("connection"))
                .as("the status of the connections there are").doesNotContain(String.valueOf(connection));

        long again = IMPORTS.createConnection(airtable("delete-me", 1_000));
        assertThat(again).isNotEqualTo(connection);
        assertThat(IMPORTS.get("/connections/" + again).body().path("name").asText()).isEqualTo("delete-me");
    }

    @Test
    void aPurgeDeletesTheRecordsCheckpointsAndQuotaCountsButKeepsTheRunHistory() {
        long connection = IMPORTS.createConnection(airtable("purge-me", 1_000));
        ObjectNode body = airtable("purge-me", 1_000);
        body.with("config").put("dailyQuota", 100_000);
        long kept = IMPORTS.createConnection(airtable("purge-neighbour", 1_000));
        assertThat(IMPORTS.put("/connections/" + connection, "{\"config\":" + body.path("config") + "}").status())
                .isEqualTo(200);
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        assertThat(IMPORTS.run(kept, "full").path("status").asText()).isEqualTo("succeeded");
        assertThat(SERVER.queryLong("SELECT count(*) FROM quota_usage WHERE connection_id = " + connection)).isEqualTo(1);

        assertThat(IMPORTS.delete("/connections/" + connection + "?purge=maybe").status()).isEqualTo(400);
        Json.Answer purged = IMPORTS.delete("/connections/" + connection + "?purge=true");

        assertThat(purged.status()).isEqualTo(204);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection)).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM checkpoints WHERE connection_id = " + connection)).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM quota_usage WHERE connection_id = " + connection)).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + connection))
                .isEqualTo(1);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + kept))
                .isEqualTo(TABLE_RECORDS);
        assertThat(IMPORTS.get("/connections/" + connection).status()).isEqualTo(404);
    }

    @Test
    void aDeletedConnectionsScheduleStopsFiring() {
        long connection = IMPORTS.createConnection(airtable("delete-scheduled", 1_000));
        assertThat(IMPORTS.put("/connections/" + connection + "/schedule", "{\"cron\":\"*/2 * * * * *\"}").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> runs(connection) >= 1);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> IMPORTS.delete("/connections/" + connection).status() == 204);
        long atDeletion = runs(connection);

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> runs(connection) == atDeletion);
        assertThat(SERVER.queryLong("SELECT count(*) FROM scheduled_tasks WHERE task_instance = 'connection-" + connection
                + "'")).isZero();
    }

    @Test
    void aCronThatNeverFiresIsRefusedAndOneStoredBeforeShowsNoFireTime() {
        long connection = IMPORTS.createConnection(airtable("never-fires", 1_000));

        Json.Answer refused = IMPORTS.put("/connections/" + connection + "/schedule", "{\"cron\":\"0 0 30 2 *\"}");

        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.body().path("code").asText()).isEqualTo("invalid_schedule");
        assertThat(refused.body().path("message").asText()).contains("never fires");
        assertThat(refused.body().path("details").path("errors").findValuesAsText("field")).containsExactly("cron");
        assertThat(IMPORTS.get("/connections/" + connection + "/schedule").body().path("cron").isNull()).isTrue();

        // as a version that took such an expression stored it
        SERVER.execute("UPDATE connections SET schedule_cron = '0 0 31 4 *', schedule_enabled = true WHERE id = "
                + connection);
        JsonNode schedule = IMPORTS.get("/connections/" + connection + "/schedule").body();
        JsonNode scheduler = IMPORTS.get("/scheduler").body();

        assertThat(schedule.path("enabled").asBoolean()).as(schedule.toString()).isTrue();
        assertThat(schedule.path("nextFireTimes")).as(schedule.toString()).isEmpty();
        assertThat(scheduler.path("upcoming").findValuesAsText("connection"))
                .doesNotContain(Long.toString(connection));
        assertThat(schedule + " " + scheduler).doesNotContain("2500-");
    }

    @Test
    void aCheckAnswersWhetherTheStoredConfigReachesTheUpstream() {
        long good = IMPORTS.createConnection(airtable("check-good", 1_000));
        long wrong = IMPORTS.createUncheckedConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(), "check-wrong",
                "apiToken", "not-the-token", "requestsPerSecond", "1000"));
        SANDBOX_ADMIN.reset();

        Json.Answer ok = IMPORTS.post("/connections/" + good + "/check", "");
        Json.Answer failed = IMPORTS.post("/connections/" + wrong + "/check", "");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().path("ok").asBoolean()).isTrue();
        assertThat(ok.body().path("checkedAt").asText()).isNotBlank();
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.body().path("ok").asBoolean()).isFalse();
        assertThat(failed.body().path("message").asText()).contains("401").doesNotContain("not-the-token");
        assertThat(SANDBOX_ADMIN.airtableRequests().findValuesAsText("status")).contains("200", "401");
        assertThat(IMPORTS.post("/connections/999999/check", "").status()).isEqualTo(404);
    }

    @Test
    void aCheckOfAConnectionWhosePluginIsDisabledIsAConflict() {
        long notes = IMPORTS.createUncheckedConnection(Json.parse(
                "{\"plugin\":\"notes\",\"name\":\"check-notes\",\"config\":{\"baseUrl\":\"http://localhost:1\","
                        + "\"token\":\"t\"}}"));
        assertThat(IMPORTS.post("/plugins/notes/disable", "").status()).isEqualTo(200);
        try {
            Json.Answer check = IMPORTS.post("/connections/" + notes + "/check", "");

            assertThat(check.status()).isEqualTo(409);
            assertThat(check.body().path("code").asText()).isEqualTo("plugin_unavailable");
            assertThat(check.body().path("details").path("state").asText()).isEqualTo("DISABLED");
            Json.Answer put = IMPORTS.put("/connections/" + notes, "{\"config\":{\"baseUrl\":\"http://x\"}}");
            assertThat(put.status()).isEqualTo(409);
            assertThat(put.body().path("code").asText()).isEqualTo("plugin_unavailable");
        } finally {
            IMPORTS.post("/plugins/notes/enable", "");
        }
    }

    private static long runs(long connection) {
        return SERVER.queryLong("SELECT count(*) FROM import_runs WHERE connection_id = " + connection);
    }

    private static ObjectNode airtable(String name, int requestsPerSecond) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond",
                Integer.toString(requestsPerSecond));
    }
}
