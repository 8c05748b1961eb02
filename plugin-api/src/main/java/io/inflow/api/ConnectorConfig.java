package io.inflow.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A connection's configuration as JSON values: {@link String}, {@link Number}, {@link Boolean},
 * {@link List} and {@link Map}. The host has already checked it against the connector's
 * {@link io.inflow.api.config.ConfigSchema} (required fields present, types right, defaults filled in), so the
 * {@code require...} methods fail only on a connector bug. Immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class ConnectorConfig {

    private final Map<String, Object> values;

    private ConnectorConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static ConnectorConfig of(Map<String, ?> values) {
        return new ConnectorConfig(new LinkedHashMap<>(values));
    }

    public static ConnectorConfig empty() {
        return new ConnectorConfig(Map.of());
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public Optional<String> string(String key) {
        Object value = values.get(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }

    public String requireString(String key) {
        return string(key).orElseThrow(() -> missing(key));
    }

    public Optional<Double> number(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number) {
            return Optional.of(number.doubleValue());
        }
        throw wrongType(key, "a number", value);
    }

    public Optional<Long> integer(String key) {
        return number(key).map(Double::longValue);
    }

    public Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean bool) {
            return Optional.of(bool);
        }
        throw wrongType(key, "true or false", value);
    }

    /** The strings of a list value; empty when the key is absent. */
    public List<String> stringList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list", value);
        }
        List<String> strings = new ArrayList<>(list.size());
        for (Object item : list) {
            strings.add(String.valueOf(item));
        }
        return List.copyOf(strings);
    }

    private static ConnectorException missing(String key) {
        return new ConnectorException("configuration key '" + key + "' is missing");
    }

    private static ConnectorException wrongType(String key, String expected, Object actual) {
        return new ConnectorException("configuration key '" + key + "' must be " + expected + ", was "
                + actual.getClass().getSimpleName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectorConfig that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Lists the keys only: values may be secrets. */
    @Override
    public String toString() {
        return "ConnectorConfig" + values.keySet();
    }
}
