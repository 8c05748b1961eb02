package io.inflow.server.connections;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import io.inflow.server.resilience.HostSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a connection's configuration against its connector's schema: every required field present, every
 * value of its declared type, no unknown key. The settings every connection may have whatever its connector
 * ({@link HostSettings}: {@code requestsPerSecond}, {@code dailyQuota}, ...) are checked here too.
 */
final class ConfigValidator {


    private ConfigValidator() {
    }

    /** The errors, one per bad field, in the schema's order; empty when the configuration is valid. */
    static List<FieldError> validate(ConfigSchema schema, Map<String, Object> config) {
        List<FieldError> errors = new ArrayList<>();
        for (ConfigField field : schema.fields()) {
            Object value = config.get(field.name());
            if (value == null) {
                if (field.required() && field.defaultValue() == null) {
                    errors.add(new FieldError("config." + field.name(), "is required"));
                }
                continue;
            }
            typeError(field, value).ifPresent(errors::add);
        }
        for (Map.Entry<String, Object> entry : config.entrySet()) {
            String key = entry.getKey();
            if (schema.field(key).isPresent()) {
                continue;
            }
            java.util.Optional<ConfigField> hostSetting = HostSettings.FIELDS.stream()
                    .filter(field -> field.name().equals(key)).findFirst();
            if (hostSetting.isPresent()) {
                java.util.Optional<FieldError> wrongType = typeError(hostSetting.get(), entry.getValue());
                wrongType.ifPresent(errors::add);
                if (wrongType.isEmpty() && entry.getValue() instanceof Number number && !positiveEnough(key, number)) {
                    errors.add(new FieldError("config." + key, key.equals(HostSettings.REQUESTS_PER_SECOND)
                            ? "must be greater than 0" : "must not be negative"));
                }
                continue;
            }
            errors.add(new FieldError("config." + key, "is not a setting of this plugin"));
        }
        return errors;
    }

    /** The configuration with each absent field that has a default set to it. */
    static Map<String, Object> withDefaults(ConfigSchema schema, Map<String, Object> config) {
        Map<String, Object> complete = new LinkedHashMap<>(config);
        for (ConfigField field : schema.fields()) {
            if (complete.get(field.name()) == null && field.defaultValue() != null) {
                complete.put(field.name(), field.defaultValue());
            }
        }
        complete.values().removeIf(java.util.Objects::isNull);
        return complete;
    }

    private static java.util.Optional<FieldError> typeError(ConfigField field, Object value) {
        String expected = switch (field.type()) {
            case STRING -> value instanceof String text && !text.isBlank() ? null : "a non-empty string";
            case INTEGER -> isInteger(value) ? null : "an integer";
            case NUMBER -> value instanceof Number ? null : "a number";
            case BOOLEAN -> value instanceof Boolean ? null : "true or false";
            case STRING_LIST -> isNonEmptyStringList(value) ? null : "a non-empty list of strings";
            case OBJECT -> value instanceof Map<?, ?> ? null : "a JSON object";
        };
        return expected == null ? java.util.Optional.empty()
                : java.util.Optional.of(new FieldError("config." + field.name(), "must be " + expected));
    }

    private static boolean positiveEnough(String key, Number number) {
        return key.equals(HostSettings.REQUESTS_PER_SECOND) ? number.doubleValue() > 0 : number.doubleValue() >= 0;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long
                || value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && !(value instanceof Double d && d.isInfinite());
    }

    private static boolean isNonEmptyStringList(Object value) {
        return value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(item -> item instanceof String text && !text.isBlank());
    }

    static boolean isSecret(ConfigSchema schema, String key) {
        return schema.field(key).map(ConfigField::secret).orElse(false);
    }

}
