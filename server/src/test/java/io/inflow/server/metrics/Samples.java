package io.inflow.server.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Optional;

/** Reads one data point of a registry's current scrape, by metric name (as registered) and labels. */
public final class Samples {

    private final PrometheusRegistry registry;

    public Samples(PrometheusRegistry registry) {
        this.registry = registry;
    }

    /** A counter's value; 0 when the data point does not exist (yet). */
    public double counter(String name, String... labels) {
        return point(name, labels).map(point -> ((CounterSnapshot.CounterDataPointSnapshot) point).getValue())
                .orElse(0.0);
    }

    public Optional<Double> gauge(String name, String... labels) {
        return point(name, labels).map(point -> ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue());
    }

    /** How many observations a histogram holds. */
    public long histogramCount(String name, String... labels) {
        return point(name, labels).map(point -> ((HistogramSnapshot.HistogramDataPointSnapshot) point).getCount())
                .orElse(0L);
    }

    private Optional<DataPointSnapshot> point(String name, String... labels) {
        String family = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        Labels wanted = Labels.of(labels);
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals(family)) {
                return snapshot.getDataPoints().stream()
                        .map(point -> (DataPointSnapshot) point)
                        .filter(point -> point.getLabels().equals(wanted))
                        .findFirst();
            }
        }
        return Optional.empty();
    }
}
