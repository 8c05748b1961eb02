package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records deleted upstream, end to end: the sandbox deletes and restores records, the real plugins read them and
 * the server marks them deleted (or removes them), counts them in runs, history, stats, views, Prometheus and the
 * curl scripts, and restores them when they come back.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DeletionsTest {

    private static final int TABLE_RECORDS = 20_077;
    private static final int SMALL_TABLE_RECORDS = 2_000;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    /** The same API with a smaller table, for what does not need the clinic's figures. */
    private static final Sandbox SMALL_SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000)
            .withAirtableRecords(SMALL_TABLE_RECORDS));
    private static final SandboxAdmin SMALL = new SandboxAdmin(SMALL_SANDBOX);
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
        SMALL_SANDBOX.close();
    }

    @BeforeEach
    void everyRecordBackUpstream() {
        SANDBOX_ADMIN.reset();
        SMALL.reset();
    }

    @Test
    void aFullImportMarksExactlyTheRecordsDeletedUpstreamAndRestoresThoseThatComeBack() {
        long connection = IMPORTS.createConnection(airtable("clinic-deletions"));
        assertThat(IMPORTS.run(connection, "full").path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        List<String> deletedUpstream = SANDBOX_ADMIN.delete("airtable", 77);
        assertThat(SANDBOX_ADMIN.stats("airtable").path("streams").path("Conversations").asLong())
                .isEqualTo(TABLE_RECORDS - 77);

        JsonNode afterDeletion = IMPORTS.run(connection, "full");

        assertThat(afterDeletion.path("status").asText()).as(afterDeletion.toString()).isEqualTo("succeeded");
        assertThat(counts(afterDeletion)).containsExactly(0L, 0L, 20_000L, 0L, 77L);
        assertThat(counts(afterDeletion.path("streams").path("Conversations"))).containsExactly(0L, 0L, 20_000L, 0L, 77L);
        assertThat(ids("SELECT external_id FROM records WHERE deleted_at IS NOT NULL AND deleted_by_run = "
                + afterDeletion.path("id").asLong() + " AND connection_id = " + connection))
                .containsExactlyInAnyOrderElementsOf(deletedUpstream);
        assertThat(stats(connection).path("records").path("Conversations").asLong()).isEqualTo(20_000);
        assertThat(stats(connection).path("deleted").path("Conversations").asLong()).isEqualTo(77);
        assertThat(SERVER.queryLong("SELECT count(*) FROM airtable_conversations WHERE connection_id = " + connection))
                .isEqualTo(20_000);
        assertThat(SERVER.queryLong("SELECT count(*) FROM airtable_conversations_all WHERE deleted_at IS NOT NULL"
                + " AND connection_id = " + connection)).isEqualTo(77);
        assertThat(IMPORTS.get("/imports/" + afterDeletion.path("id").asLong()).body().path("counts").path("deleted")
                .asLong()).isEqualTo(77);

        JsonNode incremental = IMPORTS.run(connection, "incremental");
        assertThat(counts(incremental)).as("Airtable reports no deletion to incremental reads")
                .containsExactly(0L, 0L, 0L, 0L, 0L);

        List<String> comeBack = deletedUpstream.subList(0, 7);
        SANDBOX_ADMIN.restore("airtable", comeBack);

        JsonNode afterRestore = IMPORTS.run(connection, "full");

        assertThat(counts(afterRestore)).as("restored records count as updated, their content unchanged or not")
                .containsExactly(0L, 7L, 20_000L, 0L, 0L);
        assertThat(ids("SELECT external_id FROM records WHERE updated_by_run = " + afterRestore.path("id").asLong()
                + " AND deleted_at IS NULL AND connection_id = " + connection))
                .containsExactlyInAnyOrderElementsOf(comeBack);
        assertThat(stats(connection).path("records").path("Conversations").asLong()).isEqualTo(20_007);
        assertThat(stats(connection).path("deleted").path("Conversations").asLong()).isEqualTo(70);
        assertThat(SERVER.queryLong("SELECT count(*) FROM airtable_conversations WHERE connection_id = " + connection))
                .isEqualTo(20_007);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .as("soft deletes keep every row").isEqualTo(TABLE_RECORDS);

        Scrape scrape = Scrape.of("http://localhost:" + SERVER.app.getAdminPort() + "/metrics");
        assertThat(scrape.value("inflow_import_records_total", "connection", "clinic-deletions", "stream",
                "Conversations", "outcome", "deleted")).isEqualTo(77);
        assertThat(scrape.value("inflow_import_records_total", "connection", "clinic-deletions", "stream",
                "Conversations", "outcome", "updated")).isEqualTo(7);
    }

    @Test
    void aConnectionThatDeletesHardRemovesTheRowsInTheRunThatFindsThemGone() {
        ObjectNode body = small("clinic-hard");
        body.put("deletes", "hard");
        long connection = IMPORTS.createConnection(body);
        assertThat(IMPORTS.get("/connections/" + connection).body().path("deletes").asText()).isEqualTo("hard");
        IMPORTS.run(connection, "full");
        List<String> deletedUpstream = SMALL.delete("airtable", 40);

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(counts(run)).containsExactly(0L, 0L, SMALL_TABLE_RECORDS - 40L, 0L, 40L);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(SMALL_TABLE_RECORDS - 40);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE deleted_at IS NOT NULL AND connection_id = "
                + connection)).isZero();
        assertThat(ids("SELECT external_id FROM records WHERE connection_id = " + connection))
                .doesNotContainAnyElementsOf(deletedUpstream);

        SMALL.restore("airtable", deletedUpstream);
        assertThat(counts(IMPORTS.run(connection, "full"))).as("rows removed come back as new rows")
                .containsExactly(40L, 0L, SMALL_TABLE_RECORDS - 40L, 0L, 0L);
    }

    @Test
    void aConnectionSwitchedToHardDeletesKeepsWhatItMarkedAndRemovesWhatItFindsGoneNext() {
        long connection = IMPORTS.createConnection(small("clinic-switch"));
        IMPORTS.run(connection, "full");
        SMALL.delete("airtable", 5);
        IMPORTS.run(connection, "full");

        ObjectNode hard = small("clinic-switch");
        hard.put("deletes", "hard");
        Json.Answer switched = IMPORTS.put("/connections/" + connection, hard.toString());
        SMALL.delete("airtable", 3);
        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(switched.status()).as(switched.body().toString()).isEqualTo(200);
        assertThat(switched.body().path("deletes").asText()).isEqualTo("hard");
        assertThat(run.path("counts").path("deleted").asLong()).isEqualTo(3);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .as("the 5 marked before stay rows until a reconcile removes them with the 3 new ones")
                .isEqualTo(SMALL_TABLE_RECORDS - 3 - 5);
    }

    @Test
    void anUnknownDeletesValueIsRefusedWithAClearErrorAndCreatesNothing() {
        ObjectNode body = airtable("clinic-bad-deletes");
        body.put("deletes", "sometimes");

        Json.Answer refused = IMPORTS.post("/connections", body.toString());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText()).contains("deletes").contains("soft").contains("hard");
        assertThat(IMPORTS.get("/connections").body().findValuesAsText("name")).doesNotContain("clinic-bad-deletes");
    }

    @Test
    void theCurlScriptsShowTheDeletedCount() {
        long connection = IMPORTS.createConnection(small("clinic-scripts"));
        IMPORTS.run(connection, "full");
        SMALL.delete("airtable", 12);
        JsonNode run = IMPORTS.run(connection, "full");
        Scripts scripts = new Scripts(Map.of("INFLOW_URL", "http://localhost:" + SERVER.app.getLocalPort(),
                "INFLOW_API_KEY", TestKeys.ADMIN));

        Scripts.Result history = scripts.run("inflow-history.sh", "clinic-scripts");

        assertThat(history.exitCode()).as(history.all()).isZero();
        List<String> header = history.row("RUN");
        List<String> newest = history.row(run.path("id").asText());
        assertThat(newest.get(header.indexOf("DELETED"))).isEqualTo("12");
        assertThat(newest.get(header.indexOf("UNCHANGED"))).isEqualTo("1,988");
    }

    private static ObjectNode airtable(String name) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond", "1000");
    }

    private static ObjectNode small(String name) {
        return Imports.airtableConnection(SMALL.connections(), name, "requestsPerSecond", "1000");
    }

    private static JsonNode stats(long connection) {
        return IMPORTS.get("/connections/" + connection + "/stats").body();
    }

    private static List<Long> counts(JsonNode runOrStream) {
        JsonNode counts = runOrStream.has("counts") ? runOrStream.path("counts") : runOrStream;
        return List.of(counts.path("inserted").asLong(), counts.path("updated").asLong(),
                counts.path("unchanged").asLong(), counts.path("failed").asLong(), counts.path("deleted").asLong());
    }

    private static List<String> ids(String sql) {
        return SERVER.queryStrings(sql);
    }
}
