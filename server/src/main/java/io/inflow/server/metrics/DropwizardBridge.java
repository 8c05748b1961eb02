package io.inflow.server.metrics;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jdbi3.strategies.SmartNameStrategy;
import com.codahale.metrics.jdbi3.strategies.StatementNameStrategy;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Dropwizard's metric registry worth scraping, under names that follow Prometheus's conventions:
 * Jetty's requests, responses, connections and threads, the connection pool, JDBI's statements and log events.
 *
 * <p>Dropwizard names its metrics after Java classes, with ports and method names inside
 * ({@code org.eclipse.jetty.server.HttpConnectionFactory.8080.connections}); bridged as they are, they make
 * camelCase names, a family per port or DAO method, counters of things that go down. Here each known metric gets
 * a snake_case family with its unit, what varied in its name becomes a label, and counts that go down are gauges.
 * A metric this class does not name is left out: the JVM's (which {@code JvmMetrics} exposes), the totals and
 * percentages derivable from other series, and whatever a library registers later.
 *
 * <p>Timers become summaries: Dropwizard's quantiles (its decaying reservoir weighs the last minutes) in seconds
 * and a count, without a sum, which Dropwizard does not keep.
 */
public final class DropwizardBridge implements MultiCollector {

    /** Put before the name of each JDBI statement's timer by {@link #statementNames()}, to tell them apart. */
    static final String JDBI = "jdbi.";

    private static final String HANDLER = "io.dropwizard.jetty.MutableServletContextHandler.";
    private static final String THREAD_POOL = "org.eclipse.jetty.util.thread.QueuedThreadPool.";
    private static final Pattern CONNECTIONS =
            Pattern.compile("org\\.eclipse\\.jetty\\.server\\.HttpConnectionFactory\\.(?:(.+)\\.)?(\\d+)\\.connections");
    private static final String POOL = "io.dropwizard.db.ManagedPooledDataSource.";
    private static final String LOG_EVENTS = "ch.qos.logback.core.Appender.";
    private static final Pattern RESPONSES = Pattern.compile("([1-5]xx)-responses");
    private static final Pattern METHOD_REQUESTS = Pattern.compile("([a-z]+)-requests");
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warn", "error");
    private static final Map<String, String> POOL_EVENTS = Map.of(
            "created", "created", "borrowed", "borrowed", "returned", "returned", "released", "released",
            "releasedIdle", "released_idle", "reconnected", "reconnected", "removeAbandoned", "removed_abandoned");

    private static final String REQUESTS_HELP = "Requests the application port handled, by HTTP method, with how long "
            + "they took: quantiles of the last minutes";
    private static final String RESPONSES_HELP = "Responses the application port sent, by class of status code";
    private static final String CONNECTIONS_HELP = "Connections to a port that closed, with how long they stayed "
            + "open: quantiles of the last minutes";
    private static final String STATEMENTS_HELP = "SQL statements run through JDBI, by DAO method (sql.raw: outside "
            + "DAOs), with how long they took: quantiles of the last minutes";

    private final MetricRegistry registry;

    public DropwizardBridge(MetricRegistry registry) {
        this.registry = registry;
    }

    /**
     * How the server's JDBI names the timers of its statements: as Dropwizard's default ({@code Dao.method}, or
     * {@code sql.raw}) behind {@code jdbi.}, so this bridge can tell them from other timers.
     */
    public static StatementNameStrategy statementNames() {
        StatementNameStrategy smart = new SmartNameStrategy();
        return context -> JDBI + smart.getStatementName(context);
    }

    @Override
    public MetricSnapshots collect() {
        Families families = new Families();
        new TreeMap<>(registry.getMetrics()).forEach((name, metric) -> bridge(name, metric, families));
        return families.snapshots();
    }

    private static void bridge(String name, Metric metric, Families out) {
        Matcher connections = CONNECTIONS.matcher(name);
        if (name.startsWith(HANDLER)) {
            handler(name.substring(HANDLER.length()), metric, out);
        } else if (name.startsWith(THREAD_POOL)) {
            int dot = name.lastIndexOf('.');
            threadPool(name.substring(THREAD_POOL.length(), Math.max(dot, THREAD_POOL.length())),
                    name.substring(dot + 1), metric, out);
        } else if (connections.matches()) {
            String connector = connections.group(1) == null ? connections.group(2)
                    : connections.group(1) + ":" + connections.group(2);
            out.summary("jetty_connection_duration_seconds", CONNECTIONS_HELP, metric, "connector", connector);
        } else if (name.startsWith(POOL)) {
            int dot = name.lastIndexOf('.');
            connectionPool(name.substring(POOL.length(), Math.max(dot, POOL.length())), name.substring(dot + 1),
                    metric, out);
        } else if (name.startsWith(LOG_EVENTS)) {
            String level = name.substring(LOG_EVENTS.length());
            if (LOG_LEVELS.contains(level)) {
                out.counter("logback_events", "Events logged, by level", metric, "level", level);
            }
        } else if (name.startsWith(JDBI)) {
            out.summary("jdbi_statement_duration_seconds", STATEMENTS_HELP, metric,
                    "statement", withoutPackage(name.substring(JDBI.length())));
        }
    }

    /** Jetty's handler of the application port; its total of requests is the sum of the methods' and is left out. */
    private static void handler(String what, Metric metric, Families out) {
        Matcher responses = RESPONSES.matcher(what);
        Matcher methodRequests = METHOD_REQUESTS.matcher(what);
        switch (what) {
            case "active-requests" -> out.gauge("jetty_requests_active", "Requests being handled now", metric);
            case "active-dispatches" -> out.gauge("jetty_dispatches_active", "Requests being dispatched now", metric);
            case "active-suspended" -> out.gauge("jetty_requests_suspended", "Requests suspended now", metric);
            case "dispatches" -> out.summary("jetty_dispatch_duration_seconds", "Dispatches of requests, with how "
                    + "long they took: quantiles of the last minutes", metric);
            case "async-dispatches" -> out.counter("jetty_async_dispatches", "Asynchronous dispatches", metric);
            case "async-timeouts" -> out.counter("jetty_async_timeouts", "Asynchronous requests that timed out",
                    metric);
            default -> {
                if (responses.matches()) {
                    out.counter("jetty_responses", RESPONSES_HELP, metric, "code", responses.group(1));
                } else if (methodRequests.matches()) {
                    out.summary("jetty_request_duration_seconds", REQUESTS_HELP, metric,
                            "method", methodRequests.group(1).toUpperCase(Locale.ROOT));
                }
            }
        }
    }

    private static void threadPool(String pool, String what, Metric metric, Families out) {
        switch (what) {
            case "size" -> out.gauge("jetty_threads", "Threads in a Jetty pool now", metric, "pool", pool);
            case "utilization" -> out.gauge("jetty_threads_utilization",
                    "Share of a Jetty pool's threads that are busy, from 0 to 1", metric, "pool", pool);
            case "utilization-max" -> out.gauge("jetty_threads_max_utilization",
                    "Busy threads of a Jetty pool against its maximum size, from 0 to 1", metric, "pool", pool);
            case "jobs" -> out.gauge("jetty_queued_jobs", "Jobs waiting for a thread of a Jetty pool", metric,
                    "pool", pool);
            case "jobs-queue-utilization" -> out.gauge("jetty_queued_jobs_utilization",
                    "Jobs waiting for a thread of a Jetty pool against its queue's capacity, from 0 to 1", metric,
                    "pool", pool);
            default -> { }
        }
    }

    private static void connectionPool(String pool, String what, Metric metric, Families out) {
        switch (what) {
            case "active", "idle" -> out.gauge("db_pool_connections", "Connections of the database pool, in use "
                    + "(active) or not (idle)", metric, "pool", pool, "state", what);
            case "waiting" -> out.gauge("db_pool_waiting_threads", "Threads waiting for a connection of the "
                    + "database pool", metric, "pool", pool);
            default -> {
                String event = POOL_EVENTS.get(what);
                if (event != null) {
                    out.counter("db_pool_connection_events", "What happened to the connections of the database "
                            + "pool since it started", metric, "pool", pool, "event", event);
                }
            }
        }
    }

    /** {@code io.inflow.server.store.ImportRunDao.insert} as {@code ImportRunDao.insert}; {@code sql.raw} as is. */
    static String withoutPackage(String name) {
        String[] parts = name.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return String.join(".", List.of(parts).subList(i, parts.length));
            }
        }
        return name;
    }

    /** The value of a counter, meter or numeric gauge; none for other metrics. */
    private static OptionalDouble value(Metric metric) {
        if (metric instanceof Counting counting) {
            return OptionalDouble.of(counting.getCount());
        }
        if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return OptionalDouble.of(number.doubleValue());
        }
        return OptionalDouble.empty();
    }

    /**
     * The families of one scrape, each filled by one or more Dropwizard metrics that differ by their labels; a second
     * data point with the same labels (two names that map alike) is left out, as Prometheus would refuse it.
     */
    private static final class Families {

        private final Map<String, String> help = new TreeMap<>();
        private final Map<String, List<GaugeSnapshot.GaugeDataPointSnapshot>> gauges = new TreeMap<>();
        private final Map<String, List<CounterSnapshot.CounterDataPointSnapshot>> counters = new TreeMap<>();
        private final Map<String, List<SummarySnapshot.SummaryDataPointSnapshot>> summaries = new TreeMap<>();
        private final Set<String> seen = new HashSet<>();

        void gauge(String name, String help, Metric metric, String... labels) {
            OptionalDouble value = value(metric);
            if (value.isPresent() && isNew(name, help, labels)) {
                gauges.computeIfAbsent(name, n -> new ArrayList<>()).add(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                        .value(value.getAsDouble()).labels(Labels.of(labels)).build());
            }
        }

        void counter(String name, String help, Metric metric, String... labels) {
            OptionalDouble value = value(metric);
            if (value.isPresent() && isNew(name, help, labels)) {
                counters.computeIfAbsent(name, n -> new ArrayList<>()).add(CounterSnapshot.CounterDataPointSnapshot
                        .builder().value(value.getAsDouble()).labels(Labels.of(labels)).build());
            }
        }

        void summary(String name, String help, Metric metric, String... labels) {
            if (!(metric instanceof Timer timer) || !isNew(name, help, labels)) {
                return;
            }
            Snapshot snapshot = timer.getSnapshot();
            double nanos = TimeUnit.SECONDS.toNanos(1);
            Quantiles quantiles = Quantiles.builder()
                    .quantile(0.5, snapshot.getMedian() / nanos)
                    .quantile(0.75, snapshot.get75thPercentile() / nanos)
                    .quantile(0.95, snapshot.get95thPercentile() / nanos)
                    .quantile(0.98, snapshot.get98thPercentile() / nanos)
                    .quantile(0.99, snapshot.get99thPercentile() / nanos)
                    .quantile(0.999, snapshot.get999thPercentile() / nanos)
                    .build();
            summaries.computeIfAbsent(name, n -> new ArrayList<>()).add(SummarySnapshot.SummaryDataPointSnapshot
                    .builder().count(timer.getCount()).quantiles(quantiles).labels(Labels.of(labels)).build());
        }

        private boolean isNew(String name, String help, String... labels) {
            this.help.put(name, help);
            return seen.add(name + Labels.of(labels));
        }

        MetricSnapshots snapshots() {
            MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
            gauges.forEach((name, points) -> snapshots.metricSnapshot(
                    new GaugeSnapshot(new MetricMetadata(name, help.get(name)), points)));
            counters.forEach((name, points) -> snapshots.metricSnapshot(
                    new CounterSnapshot(new MetricMetadata(name, help.get(name)), points)));
            summaries.forEach((name, points) -> snapshots.metricSnapshot(
                    new SummarySnapshot(new MetricMetadata(name, help.get(name), Unit.SECONDS), points)));
            return snapshots.build();
        }
    }
}
