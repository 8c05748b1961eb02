package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.net.ServerSocket;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton end to end: the real Airtable plugin jar loaded by PF4J, importing from the sandbox over
 * real HTTP into the embedded PostgreSQL. The sandbox's rate limit is raised so the suite stays fast;
 * {@link AirtableRateLimitTest} runs at the real one.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AirtableImportTest {

    private static final int TABLE_RECORDS = 20_077;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> {
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5});
        TestJars.writeJarWithoutDescriptor(plugins.resolve("no-descriptor.jar"));
        TestJars.writePluginThatThrowsOnStart(plugins.resolve("exploding.jar"));
        TestJars.writePluginWithoutConnector(plugins.resolve("no-connector.jar"));
        // the example of docs/writing-a-plugin.md, dropped in as the guide says
        Files.copy(Path.of(System.getProperty("inflow.example.jar")), plugins.resolve("notes.jar"));
    });
    /** A sandbox whose page tokens expire almost at once, as Airtable's do after some minutes. */
    private static final Sandbox FORGETFUL_SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000)
            .withAirtableIteratorTtl(Duration.ofMillis(5)));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandboxes() {
        SANDBOX.close();
        FORGETFUL_SANDBOX.close();
    }

    @Test
    void aFullImportStoresEveryRecordOnceAndASecondOnlyStampsWhatItSaw() {
        long connection = IMPORTS.createConnection(fastConnection("clinic-full"));

        JsonNode first = IMPORTS.run(connection, "full");

        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("succeeded");
        assertThat(counts(first)).containsExactly(TABLE_RECORDS, 0, 0, 0);
        assertThat(counts(first.path("streams").path("Conversations"))).containsExactly(TABLE_RECORDS, 0, 0, 0);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        String contentBefore = SERVER.queryString("SELECT md5(string_agg(external_id || payload::text || updated_at"
                + " || updated_by_run, ',' ORDER BY external_id)) FROM records WHERE connection_id = " + connection);

        JsonNode second = IMPORTS.run(connection, "full");

        assertThat(second.path("status").asText()).isEqualTo("succeeded");
        assertThat(counts(second)).containsExactly(0, 0, TABLE_RECORDS, 0);
        assertThat(SERVER.queryString("SELECT md5(string_agg(external_id || payload::text || updated_at"
                + " || updated_by_run, ',' ORDER BY external_id)) FROM records WHERE connection_id = " + connection))
                .as("no record's content or update stamp changed").isEqualTo(contentBefore);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE last_seen_scan IS NOT NULL AND last_seen_scan = "
                + second.path("id").asLong() + " AND connection_id = " + connection))
                .as("the reconciling scan wrote no unchanged record (it noted their ids in scan_seen)").isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM scan_seen WHERE connection_id = " + connection))
                .as("and forgot them once it reconciled").isZero();
        long tuplesBefore = SERVER.queryLong("SELECT sum(xmin::text::bigint) FROM records WHERE connection_id = "
                + connection);
        assertThat(counts(IMPORTS.run(connection, "incremental"))).containsExactly(0, 0, 0, 0);
        assertThat(SERVER.queryLong("SELECT sum(xmin::text::bigint) FROM records WHERE connection_id = " + connection))
                .as("an incremental import writes no record row").isEqualTo(tuplesBefore);
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        JsonNode history = IMPORTS.get("/imports?connection=" + connection).body().path("runs");
        assertThat(history.findValuesAsText("status")).startsWith("succeeded");
        assertThat(history).extracting(run -> run.path("id").asLong()).hasSize(3)
                .endsWith(second.path("id").asLong(), first.path("id").asLong());
    }

    @Test
    void anIncrementalImportAfterUpstreamChangesReadsOnlyThePagesHoldingThem() {
        long connection = IMPORTS.createConnection(fastConnection("clinic-incremental"));
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");
        SANDBOX_ADMIN.modifyAirtableRecords(100);
        SANDBOX_ADMIN.reset();

        JsonNode incremental = IMPORTS.run(connection, "incremental");

        assertThat(incremental.path("status").asText()).as(incremental.toString()).isEqualTo("succeeded");
        assertThat(counts(incremental)).containsExactly(0, 100, 0, 0);
        JsonNode requests = SANDBOX_ADMIN.airtableRequests();
        assertThat(requests).as("100 changed records fit one page of 100").hasSize(1);
        assertThat(requests.get(0).toString()).contains("IS_AFTER");
        assertThat(SANDBOX_ADMIN.airtableStats().path("violations").asLong()).isZero();
    }

    @Test
    void noPageIsFetchedTwiceAndNoLimitIsBrokenDuringAFullImport() {
        long connection = IMPORTS.createConnection(fastConnection("clinic-pages"));
        SANDBOX_ADMIN.reset();

        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");

        JsonNode requests = SANDBOX_ADMIN.airtableRequests();
        assertThat(requests).hasSize(201); // ceil(20,077 / 100) pages
        Set<String> offsets = new HashSet<>();
        for (JsonNode request : requests) {
            assertThat(request.path("status").asInt()).isEqualTo(200);
            assertThat(offsets.add(request.path("query").toString())).as("page requested twice: %s", request).isTrue();
        }
        assertThat(SANDBOX_ADMIN.airtableStats().path("violations").asLong()).isZero();
    }

    @Test
    void aScanWhosePageTokensExpireStartsAgainFromWhereItWasAndMissesNothing() {
        SandboxAdmin forgetful = new SandboxAdmin(FORGETFUL_SANDBOX);
        long connection = IMPORTS.createConnection(Imports.airtableConnection(forgetful.connections(),
                "clinic-forgetful", "requestsPerSecond", "60"));

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(TABLE_RECORDS);
        assertThat(run.path("counts").path("updated").asLong()).isZero();
        assertThat(SERVER.queryLong("SELECT count(*) FROM records WHERE connection_id = " + connection))
                .isEqualTo(TABLE_RECORDS);
        long expired = 0;
        for (JsonNode request : forgetful.airtableRequests()) {
            if (request.path("status").asInt() == 422) {
                expired++;
            }
        }
        assertThat(expired).as("page tokens expired and the scan restarted").isPositive();
        assertThat(forgetful.airtableStats().path("violations").asLong()).isZero();
    }

    @Test
    void theConnectionsStatsShowTheClinicsFiguresAndCheckTheExpectedOnes() {
        com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                fastConnection("clinic-stats");
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.path("config")).set("expectedFigures", Json.parse(
                "{\"Conversations\":20077,\"engagement.bookings\":3122,\"engagement.leads\":13908,"
                        + "\"engagement.engaged\":7910,\"engagement.conversations\":20078}"));
        long connection = IMPORTS.createConnection(body);
        assertThat(IMPORTS.run(connection, "full").path("status").asText()).isEqualTo("succeeded");

        JsonNode stats = IMPORTS.get("/connections/" + connection + "/stats").body();

        assertThat(stats.path("records").path("Conversations").asLong()).isEqualTo(TABLE_RECORDS);
        JsonNode engagement = stats.path("stats").path("engagement").path("rows").get(0);
        assertThat(engagement.path("bookings").asLong()).isEqualTo(3_122);
        assertThat(engagement.path("leads").asLong()).isEqualTo(13_908);
        assertThat(engagement.path("engaged").asLong()).isEqualTo(7_910);
        assertThat(engagement.path("engaged_rate").asDouble()).isEqualTo(39.4);
        JsonNode expected = stats.path("expected");
        assertThat(expected).hasSize(5);
        for (JsonNode check : expected) {
            boolean wrongOnPurpose = check.path("figure").asText().equals("engagement.conversations");
            assertThat(check.path("matches").asBoolean()).as(check.toString()).isEqualTo(!wrongOnPurpose);
        }
        assertThat(SERVER.queryLong("SELECT count(*) FROM airtable_conversations WHERE engaged AND connection_id = "
                + connection)).isEqualTo(7_910);
        assertThat(SERVER.queryLong("SELECT count(DISTINCT clinic) FROM airtable_conversations WHERE connection_id = "
                + connection)).isPositive();
    }

    @Test
    void aWrongTokenFailsTheRunWithAnErrorThatSaysSo() {
        long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "clinic-wrong-token", "apiToken", "not-the-token", "requestsPerSecond", "1000"));

        JsonNode run = IMPORTS.run(connection, "full");

        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).contains("Airtable rejected the API token").contains("401")
                .doesNotContain("not-the-token");
        assertThat(counts(run)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void brokenJarsLeaveTheServerUpWithThosePluginsFailed() {
        JsonNode plugins = IMPORTS.get("/plugins").body();

        assertThat(plugin(plugins, "airtable").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin(plugins, "notes").path("state").asText()).isEqualTo("STARTED");
        assertThat(plugin(plugins, "notes").path("config").findValuesAsText("name")).containsExactly("baseUrl", "token");
        assertThat(plugin(plugins, "corrupt.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin(plugins, "corrupt.jar").path("failure").asText()).isNotBlank();
        assertThat(plugin(plugins, "no-descriptor.jar").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin(plugins, "exploding").path("state").asText()).isEqualTo("FAILED");
        assertThat(plugin(plugins, "exploding").path("failure").asText()).contains("exploding on purpose");
        assertThat(plugin(plugins, "no-connector").path("failure").asText()).contains("exactly one Connector");
        Json.Answer health = IMPORTS.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("degraded");
        assertThat(health.body().path("plugins").path("failed").asInt()).isEqualTo(4);
        assertThat(health.body().path("plugins").path("loaded").asInt()).isPositive();
    }

    @Test
    void aSecondTriggerWhileARunIsActiveIsAConflictNamingTheActiveRun() throws Exception {
        // an upstream that accepts connections and never answers keeps the first run active
        try (ServerSocket silentUpstream = new ServerSocket(0)) {
            long connection = IMPORTS.createUncheckedConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                    "clinic-silent", "baseUrl", "http://localhost:" + silentUpstream.getLocalPort()));
            Json.Answer first = IMPORTS.trigger(connection, "full");

            Json.Answer second = IMPORTS.trigger(connection, "incremental");

            assertThat(first.status()).isEqualTo(202);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.body().path("code").asText()).isEqualTo("run_active");
            assertThat(second.body().path("details").path("activeRunId").asLong())
                    .isEqualTo(first.body().path("id").asLong());
        }
    }

    @Test
    void connectionsRefuseBadConfigurationAndNeverShowSecrets() {
        Json.Answer unknownPlugin = IMPORTS.post("/connections", "{\"plugin\":\"nope\",\"name\":\"x\",\"config\":{}}");
        Json.Answer missingToken = IMPORTS.post("/connections",
                "{\"plugin\":\"airtable\",\"name\":\"x\",\"config\":{\"baseId\":\"app1\",\"tables\":[\"T\"],\"extra\":1}}");
        Json.Answer notJson = IMPORTS.post("/connections", "{\"plugin\":");
        long created = IMPORTS.createConnection(fastConnection("clinic-secret"));

        assertThat(unknownPlugin.status()).isEqualTo(400);
        assertThat(unknownPlugin.body().path("code").asText()).isEqualTo("unknown_plugin");
        assertThat(missingToken.status()).isEqualTo(400);
        assertThat(missingToken.body().path("details").path("errors").toString())
                .contains("config.apiToken").contains("config.extra");
        assertThat(notJson.status()).isEqualTo(400);
        JsonNode connections = IMPORTS.get("/connections").body();
        assertThat(connections.findValuesAsText("name")).doesNotContain("x");
        assertThat(connections.toString()).doesNotContain("sandbox-token");
        assertThat(IMPORTS.get("/connections/" + created).body().path("config").path("apiToken").asText())
                .isEqualTo("********");
        assertThat(IMPORTS.get("/connections/999999").status()).isEqualTo(404);
        assertThat(IMPORTS.get("/imports/abc").status()).isEqualTo(404);
        assertThat(IMPORTS.get("/imports?connection=abc").status()).isEqualTo(400);

        Json.Answer unknownField = IMPORTS.post("/connections", "{\"plugin\":\"airtable\",\"name\":\"x\",\"colour\":1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().path("code").asText()).isEqualTo("unknown_field");
        assertThat(unknownField.body().path("details").path("field").asText()).isEqualTo("colour");
        Json.Answer wrongType = IMPORTS.post("/connections", "{\"plugin\":\"airtable\",\"name\":[1],\"config\":{}}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().path("code").asText()).isEqualTo("wrong_type");
        Json.Answer badMode = IMPORTS.post("/connections/" + created + "/imports", "{\"mode\":\"sideways\"}");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body().path("message").asText()).contains("full").contains("incremental");
        Json.Answer noSuchPath = IMPORTS.get("/no-such-thing");
        assertThat(noSuchPath.status()).isEqualTo(404);
        assertThat(noSuchPath.body().path("code").asText()).isEqualTo("not_found");
        assertThat(IMPORTS.put("/plugins", "{}").status()).isEqualTo(405);
    }

    private static JsonNode fastConnection(String name) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond", "1000");
    }

    private static long[] counts(JsonNode runOrStream) {
        JsonNode counts = runOrStream.has("counts") ? runOrStream.path("counts") : runOrStream;
        return new long[] {counts.path("inserted").asLong(), counts.path("updated").asLong(),
                counts.path("unchanged").asLong(), counts.path("failed").asLong()};
    }

    private static JsonNode plugin(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + plugins);
    }
}
