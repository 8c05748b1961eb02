package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole of {@code /metrics} once every plugin has imported (Airtable, Mindbody, Toast, Gmail from the sandbox),
 * as Prometheus's linter and the Grafana dashboard see it: {@code promtool check metrics} finds no problem, and
 * every series the dashboard queries is there.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsLintTest {

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(0).withToastRequestsPerSecond(0).withGmailUnitsPerSecond(0)
            .withMindbodyRequestsPerSecond(0));
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { });
    private static final Imports IMPORTS = new Imports(SERVER);

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;

    private static Scrape scrape;

    @BeforeAll
    static void importFromEveryPluginThenScrape() {
        JsonNode bodies = new Json().get(SANDBOX.baseUrl() + "/_sandbox/connections").body();
        Map<String, Long> runs = new LinkedHashMap<>();
        for (Iterator<String> apis = bodies.fieldNames(); apis.hasNext(); ) {
            String api = apis.next();
            ObjectNode body = bodies.path(api).deepCopy();
            ((ObjectNode) body.path("config")).put("requestsPerSecond", 1_000).put("allowOverage", true);
            runs.put(api, IMPORTS.trigger(IMPORTS.createConnection(body), "full").body().path("id").asLong());
        }
        assertThat(runs.keySet()).contains("airtable", "mindbody", "toast", "gmail");
        runs.forEach((api, run) -> assertThat(IMPORTS.awaitEnd(run).path("status").asText()).as(api)
                .isEqualTo("succeeded"));
        scrape = Scrape.of("http://localhost:" + SERVER.app.getAdminPort() + "/metrics");
        assertThat(scrape.status).isEqualTo(200);
        try {
            // the scrape these tests judged, to read when one fails
            Files.writeString(Path.of("target", "metrics-lint-scrape.prom"), scrape.body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void promtoolFindsNoProblemInTheScrape() {
        Promtool.Check check = Promtool.checkMetrics(scrape.body);

        assertThat(check.problems()).as("promtool check metrics said (exit %d):%n%s", check.exitCode(),
                check.output()).isEmpty();
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void everySeriesTheGrafanaDashboardQueriesIsInTheScrape() {
        Set<String> queried = new TreeSet<>();
        DashboardQueries.expressions(DashboardQueries.FILE)
                .forEach(expression -> queried.addAll(DashboardQueries.metricNames(expression)));

        assertThat(queried).as("what the dashboard queries").contains("inflow_import_records_total",
                "inflow_quota_remaining", "inflow_upstream_request_duration_seconds_bucket");
        assertThat(scrape.sampleNames()).as("the series of the scrape").containsAll(queried);
    }
}
