package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.Summary;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;

/**
 * One scrape of a {@code /metrics} endpoint, parsed by a real parser of the Prometheus text format (Hawkular's
 * port of the reference Python parser). That parser skips lines it cannot read, so every scrape also checks it
 * read as many of Inflow's own samples as the body has lines of them: a malformed line fails the test instead of
 * vanishing. (Only Inflow's, whose series are the contract; promtool judges the rest, see {@link Promtool}.)
 */
final class Scrape {

    private static final String INFLOW = "inflow_";

    final int status;
    final String contentType;
    final String body;
    private final Map<String, MetricFamily> families = new LinkedHashMap<>();

    private Scrape(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        if (status == 200) {
            CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
            new TextPrometheusMetricsProcessor(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), walker)
                    .walk();
            for (MetricFamily family : walker.getAllMetricFamilies()) {
                assertThat(families.put(family.getName(), family)).as("family %s appears twice", family.getName())
                        .isNull();
            }
            assertThat(parsedInflowSamples()).as("samples the parser read, against the sample lines of:%n%s", body)
                    .isEqualTo(body.lines().filter(line -> line.startsWith(INFLOW)).count());
        }
    }

    /** GETs {@code url} without credentials, as Prometheus scrapes it. */
    static Scrape of(String url) {
        return of(url, null);
    }

    /** A scrape sending {@code apiKey} as a bearer token, as Prometheus's {@code authorization} setting does. */
    static Scrape of(String url, String apiKey) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (apiKey != null) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Scrape(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, MetricFamily> families() {
        return families;
    }

    /**
     * The name of every sample line of the body, as PromQL selects them: a histogram's {@code _bucket},
     * {@code _count} and {@code _sum} lines, a counter's name with its {@code _total}.
     */
    Set<String> sampleNames() {
        return body.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        assertThat(family).as("family %s in the scrape", name).isNotNull();
        return family;
    }

    /** A counter's or gauge's value for exactly these labels (name, value, name, value...). */
    double value(String name, String... labels) {
        Metric metric = metric(name, labels).orElseThrow(() ->
                new AssertionError("no sample " + name + Map.of() + " with labels " + List.of(labels)));
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        return ((Gauge) metric).getValue();
    }

    Histogram histogram(String name, String... labels) {
        return (Histogram) metric(name, labels).orElseThrow(() ->
                new AssertionError("no histogram " + name + " with labels " + List.of(labels)));
    }

    Optional<Metric> metric(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return family(name).getMetrics().stream().filter(metric -> metric.getLabels().equals(wanted)).findFirst();
    }

    private long parsedInflowSamples() {
        long samples = 0;
        for (MetricFamily family : families.values()) {
            if (!family.getName().startsWith(INFLOW)) {
                continue;
            }
            for (Metric metric : family.getMetrics()) {
                // a _count line each, and a _sum line unless there is none (Dropwizard's timers have no sum)
                if (metric instanceof Histogram histogram) {
                    samples += histogram.getBuckets().size() + 1 + (Double.isNaN(histogram.getSampleSum()) ? 0 : 1);
                } else if (metric instanceof Summary summary) {
                    samples += summary.getQuantiles().size() + 1 + (Double.isNaN(summary.getSampleSum()) ? 0 : 1);
                } else {
                    samples++;
                }
            }
        }
        return samples;
    }
}
