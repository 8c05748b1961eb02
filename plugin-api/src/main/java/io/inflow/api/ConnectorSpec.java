package io.inflow.api;

import io.inflow.api.config.ConfigSchema;
import java.util.List;
import java.util.Objects;

/**
 * What a connector tells the host about itself. Its identity (id, version) comes from the plugin's manifest.
 *
 * @param title a human name, such as "Airtable"
 * @param description one or two sentences for the plugin listing
 * @param config the configuration a connection of this connector takes
 * @param limits the upstream's limits, used unless a connection overrides them
 * @param streams the streams every connection offers; empty when they come from the configuration
 *                (see {@link Connector#streams(ConnectorConfig)})
 * @since 0.1
 */
public record ConnectorSpec(String title, String description, ConfigSchema config, Limits limits,
                            List<String> streams) {

    public ConnectorSpec {
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(limits, "limits");
        streams = List.copyOf(streams);
    }
}
