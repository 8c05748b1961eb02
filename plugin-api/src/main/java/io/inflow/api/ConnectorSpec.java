package io.inflow.api;

import io.inflow.api.config.ConfigSchema;
import java.util.List;
import java.util.Objects;

/**
 * What a connector tells the host about itself. Its identity (id, version) comes from the plugin's manifest.
 *
 * <p>Build it with {@link #of(String, ConfigSchema, Limits)} and the {@code with...} methods. The canonical constructor stays public (a record's
 * must), but a later version that adds a component changes it and keeps today's as a deprecated overload, so a
 * plugin built against this version still loads; the build's API check (japicmp) holds the host to that.
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

    /**
     * A connector titled {@code title}, with no description and no fixed streams (they come from
     * {@link Connector#streams(ConnectorConfig)}).
     *
     * @since 1.0
     */
    public static ConnectorSpec of(String title, ConfigSchema config, Limits limits) {
        return new ConnectorSpec(title, "", config, limits, List.of());
    }

    /** @since 1.0 */
    public ConnectorSpec withDescription(String text) {
        return new ConnectorSpec(title, text, config, limits, streams);
    }

    /**
     * The streams every connection offers, in the order they are imported.
     *
     * @since 1.0
     */
    public ConnectorSpec withStreams(List<String> names) {
        return new ConnectorSpec(title, description, config, limits, names);
    }

    /** @since 1.0 */
    public ConnectorSpec withStreams(String... names) {
        return withStreams(List.of(names));
    }
}
