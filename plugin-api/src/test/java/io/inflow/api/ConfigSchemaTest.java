package io.inflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    @Test
    void aConnectorMayNotDeclareASettingOfTheHost() {
        for (String name : ConfigSchema.HOST_SETTINGS) {
            assertThatThrownBy(() -> ConfigSchema.of(ConfigField.string("apiKey"), ConfigField.number(name)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("configuration field '" + name + "' has the name of a setting of the host");
        }
    }

    @Test
    void norANameTheHostKeepsForLaterSettings() {
        assertThatThrownBy(() -> ConfigSchema.of(ConfigField.integer("inflow.maxRetries")))
                .hasMessageContaining("'inflow.maxRetries' has the name of a setting of the host");
    }

    @Test
    void otherNamesAreTheConnectors() {
        ConfigSchema schema = ConfigSchema.of(ConfigField.string("apiKey"), ConfigField.number("requestsPerMinute"),
                ConfigField.string("inflowTag"));

        assertThat(schema.fields()).extracting(ConfigField::name)
                .containsExactly("apiKey", "requestsPerMinute", "inflowTag");
    }

    @Test
    void aFieldDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> ConfigSchema.of(ConfigField.string("apiKey"), ConfigField.bool("apiKey")))
                .hasMessage("configuration field 'apiKey' is declared twice");
    }
}
