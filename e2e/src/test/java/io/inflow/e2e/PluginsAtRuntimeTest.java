package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Plugins come and go while the server runs: rescan, disable and enable, without a restart. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PluginsAtRuntimeTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRecords(1_000).withAirtableRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aJarDroppedInWhileTheServerRunsIsLoadedByARescanAndARemovedOneUnloaded() throws Exception {
        Path example = Path.of(System.getProperty("inflow.example.jar"));
        assertThat(plugin("notes")).isNull();

        Files.copy(example, SERVER.pluginsDir.resolve("notes.jar"), StandardCopyOption.REPLACE_EXISTING);
        JsonNode rescan = IMPORTS.post("/plugins/rescan", "").body();

        assertThat(rescan.path("loaded").toString()).contains("notes");
        assertThat(plugin("notes").path("state").asText()).isEqualTo("STARTED");

        Files.delete(SERVER.pluginsDir.resolve("notes.jar"));
        JsonNode second = IMPORTS.post("/plugins/rescan", "").body();

        assertThat(second.path("unloaded").toString()).contains("notes");
        assertThat(plugin("notes")).isNull();
        assertThat(plugin("airtable").path("state").asText()).isEqualTo("STARTED");
    }

    @Test
    void aDisabledPluginsConnectionsCannotImportUntilItIsEnabledAgain() {
        long connection = IMPORTS.createConnection(Imports.airtableConnection(new SandboxAdmin(SANDBOX).connections(),
                "clinic-disabled"));

        JsonNode disabled = IMPORTS.post("/plugins/airtable/disable", "").body();
        Json.Answer refused = IMPORTS.trigger(connection, "full");

        assertThat(disabled.path("state").asText()).isEqualTo("DISABLED");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("plugin_unavailable");

        JsonNode enabled = IMPORTS.post("/plugins/airtable/enable", "").body();

        assertThat(enabled.path("state").asText()).isEqualTo("STARTED");
        assertThat(IMPORTS.run(connection, "full").path("counts").path("inserted").asLong()).isEqualTo(1_000);
        assertThat(IMPORTS.post("/plugins/nope/disable", "").status()).isEqualTo(404);
    }

    private static JsonNode plugin(String id) {
        for (JsonNode plugin : IMPORTS.get("/plugins").body()) {
            if (plugin.path("id").asText().equals(id)) {
                return plugin;
            }
        }
        return null;
    }
}
