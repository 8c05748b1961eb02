package io.inflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {

    private final ConnectorConfig config = ConnectorConfig.of(Map.of(
            "apiToken", "secret-value", "tables", List.of("A", "B"), "requestsPerSecond", 4.5));

    @Test
    void readsTypedValues() {
        assertThat(config.requireString("apiToken")).isEqualTo("secret-value");
        assertThat(config.stringList("tables")).containsExactly("A", "B");
        assertThat(config.number("requestsPerSecond")).contains(4.5);
        assertThat(config.string("absent")).isEmpty();
    }

    @Test
    void aMissingRequiredKeyIsAConnectorExceptionNamingIt() {
        assertThatThrownBy(() -> config.requireString("baseId"))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("baseId");
    }

    @Test
    void toStringNeverShowsValues() {
        assertThat(config.toString()).doesNotContain("secret-value").contains("apiToken");
    }
}
