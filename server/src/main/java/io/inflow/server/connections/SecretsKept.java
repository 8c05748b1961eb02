package io.inflow.server.connections;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration a client sends to change a connection, with each secret it did not send again filled in from
 * the stored configuration. Clients only ever read secrets as {@link ConfigRedactor#MASK}; sending that back, or
 * leaving the field out, means "keep it", so a read-edit-write round trip never erases a credential.
 */
final class SecretsKept {

    private SecretsKept() {
    }

    static Map<String, Object> merge(ConfigSchema schema, Map<String, Object> sent, Map<String, Object> stored) {
        Map<String, Object> merged = new LinkedHashMap<>(sent);
        for (ConfigField field : schema.fields()) {
            if (!field.secret()) {
                continue;
            }
            Object value = sent.get(field.name());
            boolean kept = value == null || ConfigRedactor.MASK.equals(value);
            if (kept && stored.get(field.name()) != null) {
                merged.put(field.name(), stored.get(field.name()));
            } else if (kept) {
                merged.remove(field.name());
            }
        }
        return merged;
    }
}
