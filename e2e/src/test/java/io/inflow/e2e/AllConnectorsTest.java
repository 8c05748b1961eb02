package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every source the sandbox offers (Airtable, Mindbody, Toast, Gmail), imported side by side through its plugin
 * jar into one server: each stream holds exactly the sandbox's records, each plugin's typed views and stats work,
 * and the whole of {@code /metrics} then passes Prometheus's linter ({@code promtool check metrics}) and holds every
 * series the Grafana dashboard queries. Mindbody imports three of its five streams: its class schedules and visits
 * (123,000 of its 142,000 records) add time, not coverage; {@code MindbodyImportTest} and the demo import every one.
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

    /** The streams each connection imports, when not all of them. */
    private static final Map<String, List<String>> SELECTED = Map.of("mindbody", List.of("clients", "classes", "sales"));
    private static final Map<String, Long> CONNECTIONS = new LinkedHashMap<>();
    private static final Map<String, JsonNode> RUNS = new LinkedHashMap<>();
    /** The admin port's {@code /metrics} once every source has imported. */
    private static Scrape scrape;

    @BeforeAll
    static void importEverySourceSideBySideThenScrape() {
        JsonNode bodies = JSON.get(SANDBOX.baseUrl() + "/_sandbox/connections").body();
        Map<String, Long> runs = new LinkedHashMap<>();
        for (Iterator<String> apis = bodies.fieldNames(); apis.hasNext(); ) {
            String api = apis.next();
            ObjectNode body = bodies.path(api).deepCopy();
            ObjectNode config = (ObjectNode) body.path("config");
            config.put("requestsPerSecond", 1_000);
            config.put("allowOverage", true);
            SELECTED.getOrDefault(api, List.of()).forEach(stream -> body.withArray("streams").add(stream));
            long connection = IMPORTS.createConnection(body);
            CONNECTIONS.put(api, connection);
            runs.put(api, IMPORTS.trigger(connection, "full").body().path("id").asLong());
        }
        runs.forEach((api, run) -> RUNS.put(api, IMPORTS.awaitEnd(run)));
        scrape = Scrape.of("http://localhost:" + SERVER.app.getAdminPort() + "/metrics");
        try {
            // the scrape the metrics tests judged, to read when one fails
            Files.writeString(Path.of("target", "metrics-lint-scrape.prom"), scrape.body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everySourceImportsExactlyThroughItsPluginWithItsViewsAndStats() {
        Map<String, Long> connections = CONNECTIONS;
        assertThat(connections.keySet()).contains("airtable", "mindbody", "toast", "gmail");

        JsonNode sandboxStats = JSON.get(SANDBOX.baseUrl() + "/_sandbox/stats").body();
        List<String> plugins = new ArrayList<>();
        for (Map.Entry<String, Long> entry : connections.entrySet()) {
            String api = entry.getKey();
            JsonNode run = RUNS.get(api);
            assertThat(run.path("status").asText()).as("%s: %s", api, run).isEqualTo("succeeded");
            assertThat(run.path("counts").path("failed").asLong()).as(api).isZero();

            JsonNode stats = IMPORTS.get("/connections/" + entry.getValue() + "/stats").body();
            JsonNode expected = expectedStreams(sandboxStats, api);
            assertThat(expected.size()).as("streams the sandbox reports for %s", api).isPositive();
            for (Iterator<String> streams = expected.fieldNames(); streams.hasNext(); ) {
                String stream = streams.next();
                boolean selected = SELECTED.getOrDefault(api, List.of(stream)).contains(stream);
                assertThat(stats.path("records").path(stream).asLong()).as("%s stream %s", api, stream)
                        .isEqualTo(selected ? expected.path(stream).asLong() : 0);
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

    @Test
    void promtoolFindsNoProblemInTheMetricsOfEveryPlugin() {
        assertThat(scrape.status).isEqualTo(200);

        Promtool.Check check = Promtool.checkMetrics(scrape.body);

        assertThat(check.problems()).as("promtool check metrics said (exit %d):%n%s", check.exitCode(),
                check.output()).isEmpty();
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void everySeriesTheGrafanaDashboardQueriesIsInTheMetrics() {
        Set<String> queried = new TreeSet<>();
        DashboardQueries.expressions(DashboardQueries.FILE)
                .forEach(expression -> queried.addAll(DashboardQueries.metricNames(expression)));

        assertThat(queried).as("what the dashboard queries").contains("inflow_import_records_total",
                "inflow_quota_remaining", "inflow_upstream_request_duration_seconds_bucket");
        assertThat(scrape.sampleNames()).as("the series of the scrape").containsAll(queried);
    }

    /** The record counts per stream the sandbox reports for one API (the archive base sits under airtable). */
    private static JsonNode expectedStreams(JsonNode sandboxStats, String api) {
        if (api.equals("airtable-archive")) {
            return sandboxStats.path("airtable").path("bases").path("appClinicArchive").path("streams");
        }
        return sandboxStats.path(api).path("streams");
    }
}
