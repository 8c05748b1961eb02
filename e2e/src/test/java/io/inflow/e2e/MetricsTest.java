package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.inflow.sandbox.Sandbox;
import io.inflow.sandbox.SandboxOptions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.types.Summary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} end to end: real imports from the sandbox, then Prometheus's text format scraped from the
 * admin port (always) and the application port (when {@code prometheus.onApplicationPort} is set), and parsed by a
 * real parser of that format. The figures are exact where the sandbox makes them exact.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsTest {

    private static final int TABLE_RECORDS = 20_077;

    private static final Sandbox SANDBOX = Sandbox.start(SandboxOptions.defaults().withPort(0)
            .withAirtableRequestsPerSecond(2_000).withAirtableRequestsPerSecondPerToken(10_000));
    private static final SandboxAdmin SANDBOX_ADMIN = new SandboxAdmin(SANDBOX);
    private static final TestServer SERVER = TestServer.withPlugins(plugins -> { },
            TestServer.setting("prometheus.onApplicationPort", "true"));
    private static final Imports IMPORTS = new Imports(SERVER);
    /** A server as configured by default: {@code /metrics} on its admin port only. */
    private static final TestServer ADMIN_ONLY = TestServer.withPlugins(plugins -> { },
            TestServer.setting("prometheus.onApplicationPort", "false"));

    @SuppressWarnings("unused") // registered through DropwizardExtensionsSupport
    private static final DropwizardAppExtension<?> APP = SERVER.app;
    @SuppressWarnings("unused")
    private static final DropwizardAppExtension<?> ADMIN_ONLY_APP = ADMIN_ONLY.app;

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Test
    void aFullImportShowsItsExactRecordsRunsRequestsAndQuotaWithTheirTypesOnTheAdminPort() {
        SANDBOX_ADMIN.reset();
        long connection = IMPORTS.createConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "metrics-clinic", "requestsPerSecond", "1000", "dailyQuota", "1000"));
        JsonNode run = IMPORTS.run(connection, "full");
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        long sandboxRequests = SANDBOX.airtable().requestCount();

        Scrape scrape = Scrape.of(adminMetrics(SERVER));

        assertThat(scrape.status).isEqualTo(200);
        assertThat(scrape.contentType).startsWith("text/plain").contains("version=0.0.4");
        String[] clinic = {"connection", "metrics-clinic", "stream", "Conversations", "outcome"};
        assertThat(scrape.value("inflow_import_records_total", with(clinic, "inserted"))).isEqualTo(TABLE_RECORDS);
        assertThat(scrape.value("inflow_import_records_total", with(clinic, "updated"))).isZero();
        assertThat(scrape.value("inflow_import_records_total", with(clinic, "unchanged"))).isZero();
        assertThat(scrape.value("inflow_import_records_total", with(clinic, "failed"))).isZero();
        assertThat(scrape.value("inflow_import_runs_total", "connection", "metrics-clinic", "status", "succeeded"))
                .isEqualTo(1);
        assertThat(scrape.metric("inflow_import_runs_total", "connection", "metrics-clinic", "status", "failed"))
                .isEmpty();
        assertThat(scrape.value("inflow_import_runs_active")).isZero();
        Histogram duration = scrape.histogram("inflow_import_run_duration_seconds", "connection", "metrics-clinic");
        assertThat(duration.getSampleCount()).isEqualTo(1);
        assertThat(duration.getSampleSum()).isPositive().isLessThan(180);
        assertThat(duration.getBuckets()).extracting(Histogram.Bucket::getUpperBound)
                .startsWith(1.0).endsWith(21_600.0, Double.POSITIVE_INFINITY);

        assertThat(sandboxRequests).as("ceil(20,077 / 100) pages, at least").isGreaterThanOrEqualTo(201);
        assertThat(scrape.value("inflow_upstream_requests_total", "connection", "metrics-clinic", "code", "200"))
                .isEqualTo(sandboxRequests);
        assertThat(scrape.family("inflow_upstream_requests_total").getMetrics())
                .as("no other answer than 200").hasSize(1);
        assertThat(scrape.histogram("inflow_upstream_request_duration_seconds", "connection", "metrics-clinic")
                .getSampleCount()).isEqualTo(sandboxRequests);
        assertThat(scrape.value("inflow_ratelimit_wait_seconds_total", "connection", "metrics-clinic"))
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("inflow_quota_remaining", "connection", "metrics-clinic"))
                .isEqualTo(1000 - sandboxRequests);
        assertThat(scrape.value("inflow_dead_letters", "connection", "metrics-clinic")).isZero();

        Map<String, MetricType> types = Map.of(
                "inflow_import_records_total", MetricType.COUNTER,
                "inflow_import_runs_total", MetricType.COUNTER,
                "inflow_import_run_duration_seconds", MetricType.HISTOGRAM,
                "inflow_import_runs_active", MetricType.GAUGE,
                "inflow_upstream_requests_total", MetricType.COUNTER,
                "inflow_upstream_request_duration_seconds", MetricType.HISTOGRAM,
                "inflow_ratelimit_wait_seconds_total", MetricType.COUNTER,
                "inflow_quota_remaining", MetricType.GAUGE,
                "inflow_dead_letters", MetricType.GAUGE);
        types.forEach((name, type) -> {
            assertThat(scrape.family(name).getType()).as(name).isEqualTo(type);
            assertThat(scrape.family(name).getHelp()).as(name).isNotBlank();
        });
    }

    @Test
    void theJvmComesFromThePrometheusClientAndJettyThePoolJdbiAndLogsFromDropwizardUnderCleanNames() {
        IMPORTS.get("/connections");
        Scrape scrape = Scrape.of(adminMetrics(SERVER));

        assertThat(scrape.family("jvm_memory_used_bytes").getType()).isEqualTo(MetricType.GAUGE);
        assertThat(scrape.value("jvm_memory_used_bytes", "area", "heap")).isPositive();
        assertThat(scrape.value("jvm_threads_current")).isPositive();
        assertThat(scrape.family("jvm_gc_collection_seconds").getType()).isEqualTo(MetricType.SUMMARY);
        assertThat(scrape.value("process_cpu_seconds_total")).isPositive();
        assertThat(scrape.family("jetty_request_duration_seconds").getType()).isEqualTo(MetricType.SUMMARY);
        assertThat(((Summary) scrape.metric("jetty_request_duration_seconds", "method", "GET").orElseThrow())
                .getSampleCount()).isPositive();
        assertThat(scrape.value("jetty_responses_total", "code", "2xx")).isPositive();
        assertThat(scrape.family("jetty_requests_active").getType()).isEqualTo(MetricType.GAUGE);
        assertThat(scrape.value("jetty_threads", "pool", "dw")).isPositive();
        assertThat(scrape.family("jetty_connection_duration_seconds").getMetrics()).isNotEmpty();
        assertThat(scrape.value("db_pool_connections", "pool", "postgresql", "state", "idle"))
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape.value("db_pool_connection_events_total", "pool", "postgresql", "event", "borrowed"))
                .isPositive();
        assertThat(scrape.family("jdbi_statement_duration_seconds").getMetrics())
                .anyMatch(metric -> metric.getLabels().get("statement").equals("ConnectionDao.list"));
        assertThat(scrape.family("logback_events_total").getType()).isEqualTo(MetricType.COUNTER);
        assertThat(scrape.families().keySet()).as("no name of a Java class, a port or in camelCase")
                .allMatch(name -> name.matches("[a-z]+(_[a-z0-9]+)*"));
    }

    @Test
    void everyAttemptIsCountedByTheCodeTheSandboxAnsweredAndDeadLettersAreReadAtScrapeTime() {
        SANDBOX_ADMIN.reset();
        long connection = IMPORTS.createConnection(Imports.airtableConnection(SANDBOX_ADMIN.connections(),
                "metrics-flaky", "requestsPerSecond", "45"));
        SANDBOX_ADMIN.faults("{\"http5xx\":0.05,\"http429\":0.02,\"malformedRecord\":0.01}");
        JsonNode run;
        try {
            run = IMPORTS.run(connection, "full");
        } finally {
            SANDBOX_ADMIN.faults("{}");
        }
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
        long failed = run.path("counts").path("failed").asLong();
        assertThat(failed).isPositive();
        Map<String, Long> answered = SANDBOX.airtable().requests().stream()
                .collect(Collectors.groupingBy(request -> Integer.toString(request.status()), TreeMap::new,
                        Collectors.counting()));
        assertThat(answered.keySet()).as("the faults were injected").contains("200", "429").hasSizeGreaterThan(2);

        Scrape scrape = Scrape.of(adminMetrics(SERVER));

        Map<String, Long> counted = new TreeMap<>();
        scrape.family("inflow_upstream_requests_total").getMetrics().stream()
                .filter(metric -> metric.getLabels().get("connection").equals("metrics-flaky"))
                .forEach(metric -> counted.put(metric.getLabels().get("code"),
                        (long) ((org.hawkular.agent.prometheus.types.Counter) metric).getValue()));
        assertThat(counted).isEqualTo(answered);
        String[] flaky = {"connection", "metrics-flaky", "stream", "Conversations", "outcome"};
        assertThat(scrape.value("inflow_import_records_total", with(flaky, "failed"))).isEqualTo(failed);
        assertThat(scrape.value("inflow_import_records_total", with(flaky, "inserted")))
                .isEqualTo(TABLE_RECORDS - failed);
        assertThat(scrape.value("inflow_dead_letters", "connection", "metrics-flaky")).isEqualTo(failed);
        // how long the limiter made calls wait depends on timing; ResilientUpstreamClientTest checks the figure
        assertThat(scrape.value("inflow_ratelimit_wait_seconds_total", "connection", "metrics-flaky"))
                .isGreaterThanOrEqualTo(0);
        assertThat(scrape.metric("inflow_quota_remaining", "connection", "metrics-flaky"))
                .as("no daily quota").isEmpty();

        JsonNode replayed = IMPORTS.post("/dead-letters/replay?run=" + run.path("id").asLong(), "").body();
        assertThat(replayed.path("stored").asLong()).as(replayed.toString()).isEqualTo(failed);

        assertThat(Scrape.of(adminMetrics(SERVER)).value("inflow_dead_letters", "connection", "metrics-flaky"))
                .isZero();
    }

    @Test
    void theApplicationPortServesTheSameSeriesWhenConfiguredTo() {
        Scrape admin = Scrape.of(adminMetrics(SERVER));
        String url = "http://localhost:" + SERVER.app.getLocalPort() + "/metrics";
        Scrape application = Scrape.of(url, TestKeys.VIEWER);

        assertThat(Json.withKey(null).get(url).status()).as("keyed on the application port by default")
                .isEqualTo(401);
        assertThat(application.status).isEqualTo(200);
        assertThat(application.contentType).startsWith("text/plain").contains("version=0.0.4");
        assertThat(application.families().keySet()).containsAll(admin.families().keySet().stream()
                .filter(name -> name.startsWith("inflow_")).toList());
        assertThat(application.families().keySet()).contains("inflow_import_runs_active", "jvm_memory_used_bytes");
    }

    @Test
    void byDefaultOnlyTheAdminPortServesMetrics() {
        Scrape admin = Scrape.of(adminMetrics(ADMIN_ONLY));
        Scrape application = Scrape.of("http://localhost:" + ADMIN_ONLY.app.getLocalPort() + "/metrics");

        assertThat(admin.status).isEqualTo(200);
        assertThat(admin.families()).containsKey("inflow_import_runs_active");
        assertThat(admin.value("inflow_import_runs_active")).isZero();
        assertThat(application.status).isEqualTo(404);
    }

    private static String adminMetrics(TestServer server) {
        return "http://localhost:" + server.app.getAdminPort() + "/metrics";
    }

    private static String[] with(String[] labels, String last) {
        String[] all = java.util.Arrays.copyOf(labels, labels.length + 1);
        all[labels.length] = last;
        return all;
    }
}
