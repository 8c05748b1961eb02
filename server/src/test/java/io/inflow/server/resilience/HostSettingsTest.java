package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.config.ConfigField;
import io.inflow.api.config.ConfigSchema;
import org.junit.jupiter.api.Test;

class HostSettingsTest {

    /** The names the plugin API keeps from connectors are exactly the settings the server reads. */
    @Test
    void theHostReadsExactlyTheSettingsThePluginApiReservesForIt() {
        assertThat(HostSettings.FIELDS).extracting(ConfigField::name)
                .containsExactlyInAnyOrderElementsOf(ConfigSchema.HOST_SETTINGS);
    }
}
