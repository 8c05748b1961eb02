package io.inflow.server.connections;

import io.inflow.api.config.ConfigSchema;
import io.inflow.server.secrets.SecretReference;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replaces the value of every secret field with a mask, for anything that leaves the server. A reference
 * ({@code ${env:…}}, {@code ${file:…}}) is shown as written: it names where the secret is, it is not one.
 */
public final class ConfigRedactor {

    public static final String MASK = "********";

    private ConfigRedactor() {
    }

    public static Map<String, Object> redact(ConfigSchema schema, Map<String, Object> config) {
        Map<String, Object> shown = new LinkedHashMap<>();
        config.forEach((key, value) -> shown.put(key,
                ConfigValidator.isSecret(schema, key) && SecretReference.of(value).isEmpty() ? MASK : value));
        return shown;
    }

    /** Masks every value: for a connection whose plugin is gone, where any value may be a secret. */
    public static Map<String, Object> maskAll(Map<String, Object> config) {
        Map<String, Object> masked = new LinkedHashMap<>();
        config.forEach((key, value) -> masked.put(key, SecretReference.of(value).isPresent() ? value : MASK));
        return masked;
    }
}
