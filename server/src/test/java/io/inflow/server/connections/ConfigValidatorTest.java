package io.inflow.server.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private final ConfigSchema schema = ConfigSchema.of(
            ConfigField.string("apiToken").asRequired().asSecret(),
            ConfigField.stringList("tables").asRequired(),
            ConfigField.integer("pageSize").withDefault(100),
            ConfigField.bool("verbose"));

    @Test
    void aCompleteConfigurationHasNoErrorsAndGetsItsDefaults() {
        Map<String, Object> config = Map.of("apiToken", "t", "tables", List.of("A"), "requestsPerSecond", 2.5);

        assertThat(ConfigValidator.validate(schema, config)).isEmpty();
        assertThat(ConfigValidator.withDefaults(schema, config)).containsEntry("pageSize", 100);
    }

    @Test
    void namesEveryBadFieldOnce() {
        Map<String, Object> config = Map.of("tables", List.of(), "pageSize", 1.5, "verbose", "yes", "colour", "red",
                "requestsPerSecond", 0);

        assertThat(ConfigValidator.validate(schema, config)).containsExactlyInAnyOrder(
                new FieldError("config.apiToken", "is required"),
                new FieldError("config.tables", "must be a non-empty list of strings"),
                new FieldError("config.pageSize", "must be an integer"),
                new FieldError("config.verbose", "must be true or false"),
                new FieldError("config.colour", "is not a setting of this plugin"),
                new FieldError("config.requestsPerSecond", "must be greater than 0"));
    }

    @Test
    void secretsAreMaskedAndOtherValuesShown() {
        Map<String, Object> shown = ConfigRedactor.redact(schema, Map.of("apiToken", "pat123", "tables", List.of("A")));

        assertThat(shown).containsEntry("apiToken", ConfigRedactor.MASK).containsEntry("tables", List.of("A"));
    }
}
