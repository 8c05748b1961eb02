package io.inflow.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.inflow.server.api.ApiConfiguration;
import io.inflow.server.auth.AuthConfiguration;
import io.inflow.server.events.EventsConfiguration;
import io.inflow.server.jobs.JobsConfiguration;
import io.inflow.server.plugins.PluginsConfiguration;
import io.inflow.server.metrics.PrometheusConfiguration;
import io.inflow.server.notifications.NotificationsConfiguration;
import io.inflow.server.resilience.UpstreamConfiguration;
import io.inflow.server.secrets.SecretsConfiguration;
import io.inflow.server.store.DatabaseConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/** The server's configuration: {@code config.yml}, with {@code INFLOW_*} environment variables substituted. */
public class InflowConfiguration extends Configuration {

    @Valid
    @NotNull
    @JsonProperty
    private DatabaseConfiguration database = new DatabaseConfiguration();

    @NotNull
    @JsonProperty
    private String dataDir = "./data";

    @NotNull
    @JsonProperty
    private String pluginsDir = "./plugins";

    @Valid
    @NotNull
    @JsonProperty
    private PluginsConfiguration plugins = new PluginsConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private JobsConfiguration jobs = new JobsConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private UpstreamConfiguration upstream = new UpstreamConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private AuthConfiguration auth = new AuthConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private ApiConfiguration api = new ApiConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private SecretsConfiguration secrets = new SecretsConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private EventsConfiguration events = new EventsConfiguration();

    @Valid
    @NotNull
    @JsonProperty
    private NotificationsConfiguration notifications = new NotificationsConfiguration();

    public NotificationsConfiguration notifications() {
        return notifications;
    }

    public EventsConfiguration events() {
        return events;
    }

    public SecretsConfiguration secrets() {
        return secrets;
    }

    public AuthConfiguration auth() {
        return auth;
    }

    public ApiConfiguration api() {
        return api;
    }
    /** Not {@code metrics}: that key is Dropwizard's own. */
    @Valid
    @NotNull
    @JsonProperty
    private PrometheusConfiguration prometheus = new PrometheusConfiguration();

    public DatabaseConfiguration database() {
        return database;
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path pluginsDir() {
        return Path.of(pluginsDir).toAbsolutePath().normalize();
    }

    public PluginsConfiguration plugins() {
        return plugins;
    }

    public JobsConfiguration jobs() {
        return jobs;
    }

    public UpstreamConfiguration upstream() {
        return upstream;
    }

    public PrometheusConfiguration prometheus() {
        return prometheus;
    }
}
