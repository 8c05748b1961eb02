package io.inflow.server.secrets;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's configuration as stored and as read: each secret field's value sealed in an envelope object
 * {@code {"$enc":"v1:<key id>:<base64>"}} (see {@link SecretEnvelope}); a reference ({@code ${env:…}},
 * {@code ${file:…}}) stays as written. Reading opens every envelope it finds, whatever the plugin says is secret now.
 */
public final class StoredSecrets {

    /** The one key of a sealed value's JSON object. */
    public static final String ENVELOPE = "$enc";

    private final SecretEnvelope envelope;

    public StoredSecrets(SecretEnvelope envelope) {
        this.envelope = envelope;
    }

    /**
     * What a configuration stores: each of its secret fields holding a plain string sealed for this connection and
     * field; references, and values sealed already, as they are.
     */
    public Map<String, Object> seal(long connectionId, ConfigSchema schema, Map<String, Object> config) {
        Map<String, Object> stored = new LinkedHashMap<>(config);
        for (ConfigField field : schema.fields()) {
            if (field.secret() && isPlain(config.get(field.name()))) {
                stored.put(field.name(), Map.of(ENVELOPE,
                        envelope.seal((String) config.get(field.name()), connectionId, field.name())));
            }
        }
        return stored;
    }

    /** Whether a stored value still has to be sealed: a string that is not a reference. */
    public static boolean isPlain(Object value) {
        return value instanceof String && SecretReference.of(value).isEmpty();
    }

    /** The envelope text of a sealed value, or empty when the value is not sealed. */
    public static Optional<String> sealed(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1 && map.get(ENVELOPE) instanceof String text) {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /**
     * A stored configuration with every sealed value opened. A value that does not open is left out of the
     * configuration and named, with why, in {@link Opened#unreadable()}.
     */
    public Opened open(long connectionId, Map<String, Object> stored) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        stored.forEach((field, value) -> {
            Optional<String> sealed = sealed(value);
            if (sealed.isEmpty()) {
                config.put(field, value);
                return;
            }
            try {
                config.put(field, envelope.open(sealed.get(), connectionId, field));
            } catch (SecretUnreadableException e) {
                unreadable.put(field, e.getMessage());
            }
        });
        return new Opened(config, unreadable);
    }

    /** A stored configuration opened: the configuration, and the secret fields that would not open with why. */
    public record Opened(Map<String, Object> config, Map<String, String> unreadable) {
    }
}
