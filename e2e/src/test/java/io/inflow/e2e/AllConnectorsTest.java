package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every source the sandbox offers (Airtable, Mindbody, Toast, Gmail), imported side by side through its plugin
 * jar into one server: each stream holds exactly the sandbox's records, each plugin's typed views and stats work.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AllConnectorsTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0).withToastRequestsPerSecond(0).withGmailUnitsPerSecond(0)
            .withMindbodyRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);
    private static final Json JSON = new Json();

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = SERVER.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void everySourceImportsExactlyThroughItsPluginWithItsViewsAndStats() {
        JsonNode bodies = JSON.get(SANDBOX.baseUrl() + "/_sandbox/connections").body();
        Map<String, Long> connections = new LinkedHashMap<>();
        Map<String, Long> runs = new LinkedHashMap<>();
        for (Iterator<String> apis = bodies.fieldNames(); apis.hasNext(); ) {
            String api = apis.next();
            ObjectNode body = bodies.path(api).deepCopy();
            ObjectNode config = (ObjectNode) body.path("config");
            config.put("requestsPerSecond", 1_000);
            config.put("allowOverage", true);
            long connection = IMPORTS.createConnection(body);
            connections.put(api, connection);
            runs.put(api, IMPORTS.trigger(connection, "full").body().path("id").asLong());
        }
        assertThat(connections.keySet()).contains("airtable", "mindbody", "toast", "gmail");

        JsonNode sandboxStats = JSON.get(SANDBOX.baseUrl() + "/_sandbox/stats").body();
        List<String> plugins = new ArrayList<>();
        for (Map.Entry<String, Long> entry : connections.entrySet()) {
            String api = entry.getKey();
            JsonNode run = IMPORTS.awaitEnd(runs.get(api));
            assertThat(run.path("status").asText()).as("%s: %s", api, run).isEqualTo("succeeded");
            assertThat(run.path("counts").path("failed").asLong()).as(api).isZero();

            JsonNode stats = IMPORTS.get("/connections/" + entry.getValue() + "/stats").body();
            JsonNode expected = expectedStreams(sandboxStats, api);
            assertThat(expected.size()).as("streams the sandbox reports for %s", api).isPositive();
            for (Iterator<String> streams = expected.fieldNames(); streams.hasNext(); ) {
                String stream = streams.next();
                assertThat(stats.path("records").path(stream).asLong()).as("%s stream %s", api, stream)
                        .isEqualTo(expected.path(stream).asLong());
            }
            for (Iterator<Map.Entry<String, JsonNode>> figures = stats.path("stats").fields(); figures.hasNext(); ) {
                Map.Entry<String, JsonNode> figure = figures.next();
                assertThat(figure.getValue().path("error").isNull()).as("%s stat %s: %s", api, figure.getKey(),
                        figure.getValue()).isTrue();
            }
            assertThat(stats.path("stats").size()).as("%s declares stats", api).isPositive();
            plugins.add(stats.path("plugin").asText());
        }
        for (String plugin : plugins.stream().distinct().toList()) {
            long views = SERVER.queryLong("SELECT count(*) FROM information_schema.views WHERE table_name LIKE '"
                    + plugin + "\\_%'");
            assertThat(views).as("typed views of %s", plugin).isPositive();
        }
        for (String view : List.of("airtable_conversations", "mindbody_clients", "toast_orders", "gmail_messages")) {
            assertThat(SERVER.queryLong("SELECT count(*) FROM " + view)).as(view).isPositive();
        }
    }

    /** The record counts per stream the sandbox reports for one API (the archive base sits under airtable). */
    private static JsonNode expectedStreams(JsonNode sandboxStats, String api) {
        if (api.equals("airtable-archive")) {
            return sandboxStats.path("airtable").path("bases").path("appClinicArchive").path("streams");
        }
        return sandboxStats.path(api).path("streams");
    }
}
