package io.inflow.server.metrics;

import io.inflow.server.auth.Roles;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code /metrics} on the application port, for deployments that expose only that port: the same series as the
 * admin port's {@code /metrics}, in the Prometheus text format 0.0.4. Registered only when
 * {@code prometheus.onApplicationPort} is true.
 */
@Path("/metrics")
@RolesAllowed(Roles.VIEWER)
public final class MetricsResource {

    static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsResource(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(TEXT_FORMAT)
    public StreamingOutput metrics() {
        return output -> writer.write(output, registry.scrape());
    }
}
