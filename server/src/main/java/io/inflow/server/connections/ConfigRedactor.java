package io.inflow.server.connections;

import io.inflow.api.config.ConfigSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/** Replaces the value of every secret field with a mask, for anything that leaves the server. */
public final class ConfigRedactor {

    public static final String MASK = "********";

    private ConfigRedactor() {
    }

    public static Map<String, Object> redact(ConfigSchema schema, Map<String, Object> config) {
        Map<String, Object> shown = new LinkedHashMap<>();
        config.forEach((key, value) -> shown.put(key, ConfigValidator.isSecret(schema, key) ? MASK : value));
        return shown;
    }

    /** Masks every value: for a connection whose plugin is gone, where any value may be a secret. */
    public static Map<String, Object> maskAll(Map<String, Object> config) {
        Map<String, Object> masked = new LinkedHashMap<>();
        config.keySet().forEach(key -> masked.put(key, MASK));
        return masked;
    }
}
