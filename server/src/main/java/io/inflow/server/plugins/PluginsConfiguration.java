package io.inflow.server.plugins;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * How the server follows its plugins folder while it runs. The folder itself stays {@code pluginsDir}, beside
 * this block, as deployments already set it through {@code INFLOW_PLUGINS_DIR}.
 */
public class PluginsConfiguration {

    /** Whether jars added, replaced or removed while the server runs are picked up without a rescan call. */
    @JsonProperty
    private boolean watch = true;

    /**
     * How long the folder must stay still before a rescan: copying a jar fires many events, and a jar read
     * half-way fails to load.
     */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration quietPeriod = Duration.seconds(1);

    public boolean watch() {
        return watch;
    }

    public java.time.Duration quietPeriod() {
        return quietPeriod.toJavaDuration();
    }
}
