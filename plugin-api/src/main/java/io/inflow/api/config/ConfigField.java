package io.inflow.api.config;

import java.util.Objects;

/**
 * One key of a connection's configuration. Start from {@link #string}, {@link #integer}, {@link #number},
 * {@link #bool} or {@link #stringList} and refine with {@link #asRequired()}, {@link #asSecret()} and the {@code with...}
 * methods; each returns a new value. The canonical constructor stays public (a record's must), but a later version
 * that adds a component changes it and keeps today's as a deprecated overload; the factories do not change.
 *
 * @param name the JSON key
 * @param type its JSON type
 * @param required whether a connection must set it
 * @param secret whether it is a credential: the host never shows or logs its value
 * @param description one sentence for the person filling it in
 * @param defaultValue the value used when it is absent (a String, Number, Boolean or List), or null
 * @since 0.1
 */
public record ConfigField(String name, FieldType type, boolean required, boolean secret, String description,
                          Object defaultValue) {

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    public static ConfigField string(String name) {
        return new ConfigField(name, FieldType.STRING, false, false, "", null);
    }

    public static ConfigField integer(String name) {
        return new ConfigField(name, FieldType.INTEGER, false, false, "", null);
    }

    public static ConfigField number(String name) {
        return new ConfigField(name, FieldType.NUMBER, false, false, "", null);
    }

    public static ConfigField bool(String name) {
        return new ConfigField(name, FieldType.BOOLEAN, false, false, "", null);
    }

    public static ConfigField stringList(String name) {
        return new ConfigField(name, FieldType.STRING_LIST, false, false, "", null);
    }

    public static ConfigField object(String name) {
        return new ConfigField(name, FieldType.OBJECT, false, false, "", null);
    }

    public ConfigField asRequired() {
        return new ConfigField(name, type, true, secret, description, defaultValue);
    }

    public ConfigField asSecret() {
        return new ConfigField(name, type, required, true, description, defaultValue);
    }

    public ConfigField withDescription(String text) {
        return new ConfigField(name, type, required, secret, text, defaultValue);
    }

    public ConfigField withDefault(Object value) {
        return new ConfigField(name, type, required, secret, description, value);
    }
}
