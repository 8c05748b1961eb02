package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at rest, end to end: connections of all four plugins keep their secrets encrypted in the database (a
 * dump of every table holds none of them, in any encoding), still import, take {@code ${file:…}} references, and a
 * ciphertext moved to another connection does not decrypt there: that connection says so and the server stays up.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsAtRestTest {

    private static final int AIRTABLE_RECORDS = 1_000;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0).withToastRequestsPerSecond(0).withGmailUnitsPerSecond(0)
            .withMindbodyRequestsPerSecond(0).withAirtableRecords(AIRTABLE_RECORDS));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    @TempDir
    Path dir;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void noTableHoldsASecretInAnyEncodingAndEveryPluginStillImports() {
        Map<String, Long> connections = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        JsonNode bodies = SANDBOX_ADMIN.connections();
        for (Iterator<String> apis = bodies.fieldNames(); apis.hasNext(); ) {
            String api = apis.next();
            ObjectNode body = bodies.path(api).deepCopy();
            body.put("name", "secret-" + api);
            ((ObjectNode) body.path("config")).put("requestsPerSecond", 1_000).put("allowOverage", true);
            if (api.equals("mindbody")) {
                // its clients prove its key and staff password work; its other 135,000 records would only be slow
                body.putArray("streams").add("clients");
            }
            secrets.addAll(secretValues(body));
            connections.put(api, IMPORTS.createConnection(body));
        }
        assertThat(connections.keySet()).contains("airtable", "mindbody", "toast", "gmail");
        assertThat(secrets).as("the sandbox's connections carry secrets").hasSizeGreaterThanOrEqualTo(4);

        String dump = dumpEveryTable();

        assertThat(dump).as("sealed secrets are there").contains("$enc").contains("v1:");
        for (String secret : secrets) {
            for (String encoded : encodings(secret)) {
                assertThat(dump).as("the dump holds a secret (%s…)", secret.substring(0, 3)).doesNotContain(encoded);
            }
        }
        connections.forEach((api, connection) -> {
            JsonNode run = IMPORTS.run(connection, "full");
            assertThat(run.path("status").asText()).as("%s: %s", api, run).isEqualTo("succeeded");
        });
    }

    @Test
    void fileReferencesAreStoredAndShownAsWrittenAndResolvedWhenARunStarts() throws Exception {
        String token = Imports.airtableConnection(SANDBOX_ADMIN.connections(), "x").path("config").path("apiToken")
                .asText();
        Path tokenFile = Files.writeString(dir.resolve("airtable-token"), token + "\n");
        String reference = "${file:" + tokenFile + "}";
        long connection = IMPORTS.createConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "secret-file-ref", "apiToken", reference, "requestsPerSecond", "1000"));
        String missing = "${file:" + dir.resolve("no-such-file") + "}";
        long broken = IMPORTS.createUncheckedConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "secret-missing-ref", "apiToken", missing, "requestsPerSecond", "1000"));

        JsonNode run = IMPORTS.run(connection, "full");
        JsonNode failed = IMPORTS.run(broken, "full");

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(run.path("counts").path("inserted").asLong()).isEqualTo(AIRTABLE_RECORDS);
        assertThat(IMPORTS.get("/connections/" + connection).body().path("config").path("apiToken").asText())
                .isEqualTo(reference);
        assertThat(SERVER.queryString("SELECT config->>'apiToken' FROM connections WHERE id = " + connection))
                .isEqualTo(reference);
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("secret_unresolved").contains(missing)
                .contains("cannot be read");
        JsonNode check = IMPORTS.post("/connections/" + broken + "/check", "").body();
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("message").asText()).contains(missing);
    }

    @Test
    void aCiphertextPastedIntoAnotherConnectionDoesNotDecryptThereAndNothingElseIsHarmed() {
        long a = IMPORTS.createConnection(airtable("secret-a"));
        long b = IMPORTS.createConnection(airtable("secret-b"));
        SERVER.queryLong("WITH moved AS (UPDATE connections SET config = jsonb_set(config, '{apiToken}', "
                + "(SELECT config->'apiToken' FROM connections WHERE id = " + a + ")) WHERE id = " + b
                + " RETURNING 1) SELECT count(*) FROM moved");
        String storedB = SERVER.queryString("SELECT config::text FROM connections WHERE id = " + b);

        JsonNode shown = IMPORTS.get("/connections/" + b).body();
        JsonNode run = IMPORTS.run(b, "full");
        JsonNode check = IMPORTS.post("/connections/" + b + "/check", "").body();
        Json.Answer keepingIt = IMPORTS.put("/connections/" + b, airtableWithMaskedToken("secret-b").toString());

        assertThat(shown.path("state").asText()).isEqualTo("secrets_unreadable");
        assertThat(shown.path("stateMessage").asText()).contains("config.apiToken").contains("does not authenticate");
        assertThat(shown.path("config").path("apiToken").asText()).isEqualTo("********");
        assertThat(IMPORTS.get("/connections").body().findValuesAsText("state")).contains("secrets_unreadable");
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("error").asText()).startsWith("secrets_unreadable: ");
        assertThat(check.path("ok").asBoolean()).isFalse();
        assertThat(check.path("message").asText()).startsWith("secrets_unreadable: ");
        assertThat(keepingIt.status()).isEqualTo(409);
        assertThat(keepingIt.body().path("code").asText()).isEqualTo("secrets_unreadable");
        assertThat(SERVER.queryString("SELECT config::text FROM connections WHERE id = " + b))
                .as("nothing overwritten").isEqualTo(storedB);
        assertThat(IMPORTS.get("/health").status()).isEqualTo(200);
        assertThat(IMPORTS.get("/connections/" + a).body().path("state").asText()).isEqualTo("ok");
        assertThat(IMPORTS.run(a, "full").path("status").asText()).isEqualTo("succeeded");

        Json.Answer fixed = IMPORTS.put("/connections/" + b, airtable("secret-b").toString());
        assertThat(fixed.status()).as(fixed.body().toString()).isEqualTo(200);
        assertThat(fixed.body().path("state").asText()).isEqualTo("ok");
        assertThat(IMPORTS.run(b, "full").path("status").asText()).isEqualTo("succeeded");
    }

    private static ObjectNode airtable(String name) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond", "1000");
    }

    private static ObjectNode airtableWithMaskedToken(String name) {
        return Imports.airtableConnection(SANDBOX_ADMIN.connections(), name, "requestsPerSecond", "1000",
                "apiToken", "********");
    }

    /** The values of the fields the body's plugin marks secret, as its schema in {@code GET /plugins} says. */
    private static List<String> secretValues(JsonNode body) {
        List<String> values = new ArrayList<>();
        for (JsonNode plugin : IMPORTS.get("/plugins").body()) {
            if (!plugin.path("id").asText().equals(body.path("plugin").asText())) {
                continue;
            }
            for (JsonNode field : plugin.path("config")) {
                JsonNode value = body.path("config").path(field.path("name").asText());
                if (field.path("secret").asBoolean() && value.isTextual()) {
                    values.add(value.asText());
                }
            }
        }
        return values;
    }

    private static List<String> encodings(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                JsonNodeFactory.instance.textNode(secret).toString().replace("\"", ""));
    }

    /** Every row of every table of the database, as text: what {@code pg_dump} or a full {@code COPY} would hold. */
    private static String dumpEveryTable() {
        StringBuilder dump = new StringBuilder();
        for (String table : SERVER.queryStrings("SELECT format('%I.%I', table_schema, table_name) FROM "
                + "information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN "
                + "('pg_catalog', 'information_schema')")) {
            SERVER.queryStrings("SELECT t::text FROM " + table + " t").forEach(row -> dump.append(row).append('\n'));
        }
        assertThat(dump).as("the dump has the connections").contains("secret-airtable");
        return dump.toString();
    }
}
