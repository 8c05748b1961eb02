package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ResourceHelpers;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest across versions and keys, with nodes as processes of their own on a shared PostgreSQL: plain-text
 * secrets of an older version are sealed at start-up, {@code ${env:…}} references resolve in the node's
 * environment, and {@code rotate-secrets} re-encrypts everything with a new key while a node runs an import; the
 * old key removed, a restarted node still imports.
 */
class SecretsRotationTest {

    private static final String OLD_KEY = "3q2+7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    private static final String NEW_KEY = "ASNFZ4mrze8BI0VniavN7wEjRWeJq83vASNFZ4mrze8=";

    private static final SharedDatabase DATABASE = SharedDatabase.start();
    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0).withAirtableRecords(2_000));

    @AfterAll
    static void stopAll() {
        SANDBOX.close();
        DATABASE.close();
    }

    @Test
    void plainSecretsAreSealedAtStartReferencesResolveAndARotationWhileANodeRunsKeepsEveryImportWorking()
            throws Exception {
        Json json = new Json();
        JsonNode sandboxBodies = new SandboxAdmin(SANDBOX).connections();
        String token = sandboxBodies.path("airtable").path("config").path("apiToken").asText();
        Map<String, String> oldKeyNode = Map.of("INFLOW_SECRETS_KEY", OLD_KEY, "CLINIC_TOKEN", token);
        // a connection whose secret is then stored in clear, as a version without encryption at rest stored it
        long legacyId;
        try (NodeProcess node = NodeProcess.start("node-a", DATABASE, oldKeyNode)) {
            legacyId = create(json, node, Imports.airtableConnection(sandboxBodies, "legacy-plain",
                    "requestsPerSecond", "1000"));
        }
        DATABASE.queryLong("WITH plain AS (UPDATE connections SET config = jsonb_set(config, '{apiToken}', to_jsonb('"
                + token + "'::text)) WHERE id = " + legacyId + " RETURNING 1) SELECT count(*) FROM plain");
        assertThat(DATABASE.queryString("SELECT config->>'apiToken' FROM connections WHERE id = " + legacyId))
                .isEqualTo(token);

        long referenced;
        long unresolved;
        long rotatedDuringImport;
        try (NodeProcess node = NodeProcess.start("node-a", DATABASE, oldKeyNode)) {
            assertThat(DATABASE.queryString("SELECT config->'apiToken'->>'$enc' FROM connections WHERE id = " + legacyId))
                    .as("sealed by the start-up step").startsWith("v1:");
            JsonNode legacyRun = run(json, node, legacyId);
            assertThat(legacyRun.path("status").asText()).as(legacyRun.toString()).isEqualTo("succeeded");

            referenced = create(json, node, Imports.airtableConnection(sandboxBodies, "env-ref", "apiToken",
                    "${env:CLINIC_TOKEN}", "requestsPerSecond", "1000"));
            JsonNode missing = Imports.airtableConnection(sandboxBodies, "env-missing", "apiToken",
                    "${env:INFLOW_TEST_NOT_SET}", "requestsPerSecond", "1000");
            Json.Answer refused = json.post(node.api("/connections"), missing);
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
            assertThat(refused.body().path("message").asText())
                    .contains("the environment variable INFLOW_TEST_NOT_SET is not set");
            unresolved = create(json, node.api("/connections?check=false"), missing);
            JsonNode referencedRun = run(json, node, referenced);
            assertThat(referencedRun.path("status").asText()).as(referencedRun.toString()).isEqualTo("succeeded");
            JsonNode failed = run(json, node, unresolved);
            assertThat(failed.path("status").asText()).isEqualTo("failed");
            assertThat(failed.path("error").asText()).contains("${env:INFLOW_TEST_NOT_SET}")
                    .contains("the environment variable INFLOW_TEST_NOT_SET is not set");

            // 20 pages at one request a second: the import runs while the rotation does
            rotatedDuringImport = create(json, node, Imports.airtableConnection(sandboxBodies, "rotated-live",
                    "requestsPerSecond", "1"));
            long running = json.post(node.api("/connections/" + rotatedDuringImport + "/imports"),
                    "{\"mode\":\"full\"}").body().path("id").asLong();
            await().atMost(Duration.ofSeconds(30)).until(() -> DATABASE.queryLong(
                    "SELECT COALESCE(sum(inserted), 0) FROM import_run_streams WHERE run_id = " + running) > 0);

            ServerJar.Outcome rotation = ServerJar.run(commandEnvironment(NEW_KEY + "," + OLD_KEY),
                    Duration.ofSeconds(60), "rotate-secrets", ResourceHelpers.resourceFilePath("node-process.yml"));

            assertThat(rotation.exitCode()).as(rotation.all()).isZero();
            assertThat(rotation.out()).contains("Re-encrypted 2 secrets of 2 connections with key ");
            assertThat(DATABASE.queryLong("SELECT count(*) FROM connections WHERE config->'apiToken' ? '$enc'"))
                    .isEqualTo(2);
            assertThat(DATABASE.queryString("SELECT status FROM import_runs WHERE id = " + running))
                    .as("the import was still running when the rotation committed").isEqualTo("running");
            await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(DATABASE.queryString(
                    "SELECT status FROM import_runs WHERE id = " + running)));
            assertThat(DATABASE.queryString("SELECT status FROM import_runs WHERE id = " + running))
                    .as("the import that ran through the rotation").isEqualTo("succeeded");
        }

        ServerJar.Outcome again = ServerJar.run(commandEnvironment(NEW_KEY), Duration.ofSeconds(60), "rotate-secrets",
                ResourceHelpers.resourceFilePath("node-process.yml"));
        assertThat(again.out()).as(again.all()).contains("Re-encrypted 0 secrets of 0 connections")
                .contains("(2 were sealed with it already)");
        try (NodeProcess node = NodeProcess.start("node-a", DATABASE, Map.of("INFLOW_SECRETS_KEY", NEW_KEY,
                "CLINIC_TOKEN", token))) {
            JsonNode connections = json.get(node.api("/connections")).body();
            assertThat(connections.findValuesAsText("state")).containsOnly("ok");
            for (long connection : new long[] {legacyId, referenced, rotatedDuringImport}) {
                assertThat(run(json, node, connection).path("status").asText()).as("connection %d", connection)
                        .isEqualTo("succeeded");
            }
        }
        try (NodeProcess node = NodeProcess.start("node-a", DATABASE, Map.of("INFLOW_SECRETS_KEY", OLD_KEY))) {
            JsonNode legacyWithOldKeyOnly = json.get(node.api("/connections/" + legacyId)).body();
            assertThat(legacyWithOldKeyOnly.path("state").asText()).as("the old key no longer opens anything")
                    .isEqualTo("secrets_unreadable");
            assertThat(legacyWithOldKeyOnly.path("stateMessage").asText()).contains("which is not configured");
        }
    }

    private Map<String, String> commandEnvironment(String keys) {
        Map<String, String> environment = new HashMap<>();
        environment.put("INFLOW_PORT", "0");
        environment.put("INFLOW_ADMIN_PORT", "0");
        environment.put("INFLOW_ADMIN_KEY", TestKeys.ADMIN);
        environment.put("INFLOW_DATABASE_URL", DATABASE.url());
        environment.put("INFLOW_DATABASE_USER", DATABASE.user());
        environment.put("INFLOW_DATA_DIR", "target/rotate-secrets-data");
        environment.put("INFLOW_PLUGINS_DIR", "target/rotate-secrets-plugins");
        environment.put("INFLOW_NODE_NAME", "rotate-secrets");
        environment.put("INFLOW_SECRETS_KEY", keys);
        return environment;
    }

    private static long create(Json json, NodeProcess node, JsonNode body) {
        return create(json, node.api("/connections"), body);
    }

    private static long create(Json json, String url, JsonNode body) {
        Json.Answer created = json.post(url, body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("id").asLong();
    }

    private static JsonNode run(Json json, NodeProcess node, long connection) {
        Json.Answer triggered = json.post(node.api("/connections/" + connection + "/imports"), "{\"mode\":\"full\"}");
        assertThat(triggered.status()).as(triggered.body().toString()).isEqualTo(202);
        long runId = triggered.body().path("id").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> !Imports.isActive(DATABASE.queryString(
                "SELECT status FROM import_runs WHERE id = " + runId)));
        return json.get(node.api("/imports/" + runId)).body();
    }
}
