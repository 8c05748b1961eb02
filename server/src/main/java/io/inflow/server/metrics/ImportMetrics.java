package io.inflow.server.metrics;

import io.inflow.server.store.CommitOutcome;
import io.inflow.server.store.RunStatus;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;

/**
 * What imports do on this node, as Prometheus series: records stored by outcome, runs by final status and
 * duration, runs executing now. The job engine reports each fact where it learns it; this class only counts.
 */
public final class ImportMetrics {

    /** From a second to six hours: a small base's import up to a large one's first full read. */
    static final double[] RUN_DURATION_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 21_600};

    private final Counter records;
    private final Counter runs;
    private final Histogram runDuration;
    private final Gauge activeRuns;

    public ImportMetrics(PrometheusRegistry registry) {
        records = Counter.builder()
                .name("inflow_import_records_total")
                .help("Records an import read, by what storing them did: inserted, updated, unchanged, failed "
                        + "(kept as dead letters); and records it found deleted upstream: deleted")
                .labelNames("connection", "stream", "outcome")
                .register(registry);
        runs = Counter.builder()
                .name("inflow_import_runs_total")
                .help("Import runs that ended on this node, by final status")
                .labelNames("connection", "status")
                .register(registry);
        runDuration = Histogram.builder()
                .name("inflow_import_run_duration_seconds")
                .help("How long import runs took from their start to their final status, waits for a quota included")
                .unit(Unit.SECONDS)
                .labelNames("connection")
                .classicOnly()
                .classicUpperBounds(RUN_DURATION_BUCKETS)
                .register(registry);
        activeRuns = Gauge.builder()
                .name("inflow_import_runs_active")
                .help("Import runs executing on this node now")
                .register(registry);
    }

    /** The counters of one stream's read, bound to its labels once. */
    public StreamRecords stream(String connection, String stream) {
        return new StreamRecords(
                records.labelValues(connection, stream, "inserted"),
                records.labelValues(connection, stream, "updated"),
                records.labelValues(connection, stream, "unchanged"),
                records.labelValues(connection, stream, "failed"),
                records.labelValues(connection, stream, "deleted"));
    }

    /** A run began executing on this node. */
    public void runStarted() {
        activeRuns.inc();
    }

    /** A run stopped executing on this node, whether it ended, waits for its quota, or was taken over. */
    public void runStopped() {
        activeRuns.dec();
    }

    /**
     * A run that executed on this node reached its final status.
     *
     * @param duration from the run's first start to its final status
     * @throws IllegalArgumentException when {@code status} is not final
     */
    public void runEnded(String connection, RunStatus status, Duration duration) {
        if (status.isActive()) {
            throw new IllegalArgumentException("a run that is " + status.code() + " has not ended");
        }
        runs.labelValues(connection, status.code()).inc();
        runDuration.labelValues(connection).observe(Math.max(0, duration.toNanos()) / 1e9);
    }

    /** Counts what storing each batch of one stream did. */
    public static final class StreamRecords {
        private final CounterDataPoint inserted;
        private final CounterDataPoint updated;
        private final CounterDataPoint unchanged;
        private final CounterDataPoint failed;
        private final CounterDataPoint deleted;

        private StreamRecords(CounterDataPoint inserted, CounterDataPoint updated, CounterDataPoint unchanged,
                              CounterDataPoint failed, CounterDataPoint deleted) {
            this.inserted = inserted;
            this.updated = updated;
            this.unchanged = unchanged;
            this.failed = failed;
            this.deleted = deleted;
        }

        public void count(CommitOutcome outcome) {
            inserted.inc(outcome.inserted());
            updated.inc(outcome.updated());
            unchanged.inc(outcome.unchanged());
            failed.inc(outcome.failed());
            deleted.inc(outcome.deleted());
        }

        /** Counts the records a completed scan found deleted. */
        public void countDeleted(long records) {
            deleted.inc(records);
        }
    }
}
