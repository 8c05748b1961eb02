package io.inflow.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Dropwizard's metrics, under the names Dropwizard, Jetty, the pool, JDBI and logback give them, as bridged. */
class DropwizardBridgeTest {

    private static final String HANDLER = "io.dropwizard.jetty.MutableServletContextHandler.";
    private static final String POOL = "io.dropwizard.db.ManagedPooledDataSource.postgresql.";

    private final MetricRegistry dropwizard = new MetricRegistry();
    private final PrometheusRegistry prometheus = new PrometheusRegistry();

    DropwizardBridgeTest() {
        prometheus.register(new DropwizardBridge(dropwizard));
    }

    @Test
    void jettysRequestsBecomeOneFamilyByMethodWithResponsesByClassAndActiveRequestsAsAGauge() {
        dropwizard.timer(HANDLER + "get-requests").update(Duration.ofMillis(20));
        dropwizard.timer(HANDLER + "get-requests").update(Duration.ofMillis(20));
        dropwizard.timer(HANDLER + "post-requests").update(Duration.ofMillis(40));
        dropwizard.timer(HANDLER + "requests").update(Duration.ofMillis(20));
        dropwizard.meter(HANDLER + "2xx-responses").mark(3);
        dropwizard.meter(HANDLER + "4xx-responses").mark();
        dropwizard.counter(HANDLER + "active-requests").inc(2);
        dropwizard.counter(HANDLER + "active-requests").dec();
        dropwizard.register(HANDLER + "percent-4xx-1m", (Gauge<Double>) () -> 0.25);

        SummarySnapshot.SummaryDataPointSnapshot get = (SummarySnapshot.SummaryDataPointSnapshot)
                point("jetty_request_duration_seconds", "method", "GET");
        assertThat(get.getCount()).isEqualTo(2);
        assertThat(get.getQuantiles().get(0).getValue()).isEqualTo(0.02);
        assertThat(point("jetty_request_duration_seconds", "method", "POST")).isNotNull();
        assertThat(counter("jetty_responses", "code", "2xx")).isEqualTo(3);
        assertThat(counter("jetty_responses", "code", "4xx")).isEqualTo(1);
        assertThat(family("jetty_requests_active")).isInstanceOf(GaugeSnapshot.class);
        assertThat(gauge("jetty_requests_active")).isEqualTo(1);
        assertThat(families()).as("the total of the methods' timers and the percentages are left out")
                .containsOnlyKeys("jetty_request_duration_seconds", "jetty_responses", "jetty_requests_active");
    }

    @Test
    void thePortOfAConnectionFactoryAndTheNameOfAThreadPoolBecomeLabels() {
        dropwizard.timer("org.eclipse.jetty.server.HttpConnectionFactory.18180.connections")
                .update(Duration.ofSeconds(3));
        dropwizard.timer("org.eclipse.jetty.server.HttpConnectionFactory.127.0.0.1.18181.connections")
                .update(Duration.ofSeconds(1));
        dropwizard.register("org.eclipse.jetty.util.thread.QueuedThreadPool.dw.size", (Gauge<Integer>) () -> 12);
        dropwizard.register("org.eclipse.jetty.util.thread.QueuedThreadPool.dw-admin.jobs", (Gauge<Integer>) () -> 0);

        assertThat(((SummarySnapshot.SummaryDataPointSnapshot) point("jetty_connection_duration_seconds",
                "connector", "18180")).getCount()).isEqualTo(1);
        assertThat(point("jetty_connection_duration_seconds", "connector", "127.0.0.1:18181")).isNotNull();
        assertThat(gauge("jetty_threads", "pool", "dw")).isEqualTo(12);
        assertThat(gauge("jetty_queued_jobs", "pool", "dw-admin")).isZero();
    }

    @Test
    void thePoolsCountsThatGoDownAreGaugesAndThoseThatOnlyGrowAreCounters() {
        dropwizard.register(POOL + "active", (Gauge<Integer>) () -> 2);
        dropwizard.register(POOL + "idle", (Gauge<Integer>) () -> 6);
        dropwizard.register(POOL + "waiting", (Gauge<Integer>) () -> 0);
        dropwizard.register(POOL + "borrowed", (Gauge<Long>) () -> 41L);
        dropwizard.register(POOL + "releasedIdle", (Gauge<Long>) () -> 3L);

        assertThat(gauge("db_pool_connections", "pool", "postgresql", "state", "active")).isEqualTo(2);
        assertThat(gauge("db_pool_connections", "pool", "postgresql", "state", "idle")).isEqualTo(6);
        assertThat(gauge("db_pool_waiting_threads", "pool", "postgresql")).isZero();
        assertThat(counter("db_pool_connection_events", "pool", "postgresql", "event", "borrowed")).isEqualTo(41);
        assertThat(counter("db_pool_connection_events", "pool", "postgresql", "event", "released_idle"))
                .isEqualTo(3);
    }

    @Test
    void jdbiStatementsAreOneFamilyLabelledByDaoMethodAndLogEventsOneByLevel() {
        dropwizard.timer("jdbi.io.inflow.server.store.ImportRunDao.queuedWithoutExecution")
                .update(Duration.ofMillis(2));
        dropwizard.timer("jdbi.io.inflow.server.store.RecordCountDao.count").update(Duration.ofMillis(5));
        dropwizard.timer("jdbi.sql.raw").update(Duration.ofMillis(1));
        dropwizard.meter("ch.qos.logback.core.Appender.warn").mark(2);
        dropwizard.meter("ch.qos.logback.core.Appender.all").mark(9);

        assertThat(point("jdbi_statement_duration_seconds", "statement", "ImportRunDao.queuedWithoutExecution"))
                .isNotNull();
        assertThat(point("jdbi_statement_duration_seconds", "statement", "RecordCountDao.count")).isNotNull();
        assertThat(point("jdbi_statement_duration_seconds", "statement", "sql.raw")).isNotNull();
        assertThat(counter("logback_events", "level", "warn")).isEqualTo(2);
        assertThat(family("logback_events").getDataPoints()).as("all is the sum of the levels").hasSize(1);
    }

    @Test
    void whatTheBridgeDoesNotNameIsLeftOut() {
        dropwizard.register("jvm.threads.count", (Gauge<Integer>) () -> 40);
        dropwizard.register("jvm.memory.heap.used", (Gauge<Long>) () -> 1L << 20);
        dropwizard.timer("io.inflow.server.store.ImportRunDao.queuedWithoutExecution").update(Duration.ofMillis(1));
        dropwizard.counter("some.library.added-later").inc();
        dropwizard.register(POOL + "active", (Gauge<String>) () -> "not a number");

        assertThat(families()).isEmpty();
    }

    @Test
    void everyBridgedNameIsSnakeCaseWithoutDigitsAndTheTextFormatSaysSo() throws IOException {
        dropwizard.timer(HANDLER + "get-requests").update(Duration.ofMillis(20));
        dropwizard.counter(HANDLER + "active-requests").inc();
        dropwizard.timer("org.eclipse.jetty.server.HttpConnectionFactory.18180.connections")
                .update(Duration.ofSeconds(3));
        dropwizard.meter("ch.qos.logback.core.Appender.info").mark();
        dropwizard.register(POOL + "created", (Gauge<Long>) () -> 8L);

        assertThat(families().keySet()).allMatch(name -> name.matches("[a-z]+(_[a-z]+)*"));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(text, prometheus.scrape());
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("# TYPE jetty_requests_active gauge\n")
                .contains("# TYPE jetty_request_duration_seconds summary\n")
                .contains("jetty_request_duration_seconds_count{method=\"GET\"} 1\n")
                .contains("# TYPE logback_events_total counter\n")
                .contains("# TYPE db_pool_connection_events_total counter\n")
                .doesNotContain("18180_");
    }

    private Map<String, MetricSnapshot> families() {
        Map<String, MetricSnapshot> families = new TreeMap<>();
        prometheus.scrape().forEach(snapshot -> families.put(snapshot.getMetadata().getName(), snapshot));
        return families;
    }

    private MetricSnapshot family(String name) {
        MetricSnapshot family = families().get(name);
        assertThat(family).as("family %s in %s", name, families().keySet()).isNotNull();
        return family;
    }

    private DataPointSnapshot point(String name, String... labels) {
        return family(name).getDataPoints().stream().map(point -> (DataPointSnapshot) point)
                .filter(point -> point.getLabels().equals(Labels.of(labels))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " with " + Labels.of(labels)));
    }

    private double gauge(String name, String... labels) {
        return ((GaugeSnapshot.GaugeDataPointSnapshot) point(name, labels)).getValue();
    }

    private double counter(String name, String... labels) {
        return ((CounterSnapshot.CounterDataPointSnapshot) point(name, labels)).getValue();
    }
}
