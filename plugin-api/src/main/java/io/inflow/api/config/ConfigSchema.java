package io.inflow.api.config;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configuration a connector takes: its fields, in the order a person should fill them in.
 *
 * @param fields distinct by name
 * @since 0.1
 */
public record ConfigSchema(List<ConfigField> fields) {

    public ConfigSchema {
        fields = List.copyOf(fields);
        Set<String> names = new HashSet<>();
        for (ConfigField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("configuration field '" + field.name() + "' is declared twice");
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
