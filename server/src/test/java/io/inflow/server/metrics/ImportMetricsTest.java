package io.inflow.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.store.CommitOutcome;
import io.inflow.server.store.RunStatus;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImportMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ImportMetrics metrics = new ImportMetrics(registry);
    private final Samples samples = new Samples(registry);

    @Test
    void eachBatchAddsItsRecordsToTheirOutcomeOfTheirStream() {
        ImportMetrics.StreamRecords clients = metrics.stream("studio", "clients");
        ImportMetrics.StreamRecords visits = metrics.stream("studio", "visits");

        clients.count(new CommitOutcome(100, 0, 0, 0, 0, false));
        clients.count(new CommitOutcome(40, 7, 50, 3, 0, false));
        visits.count(new CommitOutcome(0, 0, 12, 0, 0, false));

        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "clients", "outcome", "inserted")).isEqualTo(140);
        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "clients", "outcome", "updated")).isEqualTo(7);
        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "clients", "outcome", "unchanged")).isEqualTo(50);
        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "clients", "outcome", "failed")).isEqualTo(3);
        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "visits", "outcome", "unchanged")).isEqualTo(12);
        assertThat(samples.counter("inflow_import_records_total",
                "connection", "studio", "stream", "visits", "outcome", "inserted")).isZero();
    }

    @Test
    void aRunIsActiveFromItsStartUntilItStopsAndCountedOnlyWhenItEnds() {
        metrics.runStarted();
        metrics.runStarted();
        assertThat(samples.gauge("inflow_import_runs_active")).contains(2.0);

        metrics.runStopped(); // waits for its quota: not ended
        metrics.runStopped();
        metrics.runEnded("studio", RunStatus.SUCCEEDED, Duration.ofSeconds(90));

        assertThat(samples.gauge("inflow_import_runs_active")).contains(0.0);
        assertThat(samples.counter("inflow_import_runs_total", "connection", "studio", "status", "succeeded"))
                .isEqualTo(1);
        assertThat(samples.counter("inflow_import_runs_total", "connection", "studio", "status", "waiting")).isZero();
        assertThat(samples.histogramCount("inflow_import_run_duration_seconds", "connection", "studio")).isEqualTo(1);
    }

    @Test
    void aRunThatIsStillActiveCannotBeCountedAsEnded() {
        assertThatThrownBy(() -> metrics.runEnded("studio", RunStatus.WAITING, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(samples.counter("inflow_import_runs_total", "connection", "studio", "status", "waiting")).isZero();
    }
}
