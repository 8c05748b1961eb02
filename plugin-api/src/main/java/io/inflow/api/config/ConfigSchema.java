package io.inflow.api.config;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a connector takes: its fields, in the order a person should fill them in.
 *
 * <p>A connection's configuration also holds the host's own settings, valid whatever the connector:
 * {@link #HOST_SETTINGS} (its rate limit, daily quota, ...). Their names, and every name starting with
 * {@link #HOST_PREFIX} (kept for settings the host adds later), belong to the host: a schema that declares one is
 * refused, so a connector's key never means two things.
 *
 * @param fields distinct by name, none of them the host's
 * @since 0.1
 */
public record ConfigSchema(List<ConfigField> fields) {

    /**
     * The settings the host reads from every connection's configuration: {@code requestsPerSecond} (overrides
     * {@link io.inflow.api.Limits#requestsPerSecond()}), {@code dailyQuota}, {@code allowOverage},
     * {@code costPerCallBeyondQuota} and {@code expectedFigures}. A connector reads the limits it needs from its
     * {@link io.inflow.api.Limits}, never from these keys.
     *
     * @since 1.0
     */
    public static final Set<String> HOST_SETTINGS = Set.of("requestsPerSecond", "dailyQuota", "allowOverage",
            "costPerCallBeyondQuota", "expectedFigures");

    /**
     * The prefix of the names of settings the host may add in later versions; no connector field starts with it.
     *
     * @since 1.0
     */
    public static final String HOST_PREFIX = "inflow.";

    public ConfigSchema {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (ConfigField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("configuration field '" + field.name() + "' is declared twice");
            }
            if (HOST_SETTINGS.contains(field.name()) || field.name().startsWith(HOST_PREFIX)) {
                throw new IllegalArgumentException("configuration field '" + field.name() + "' has the name of a "
                        + "setting of the host, which every connection has (ConfigSchema.HOST_SETTINGS, or a name "
                        + "starting with '" + HOST_PREFIX + "'): name it otherwise");
            }
        }
    }

    public static ConfigSchema of(ConfigField... fields) {
        return new ConfigSchema(Arrays.asList(fields));
    }

    public Optional<ConfigField> field(String name) {
        return fields.stream().filter(field -> field.name().equals(name)).findFirst();
    }
}
