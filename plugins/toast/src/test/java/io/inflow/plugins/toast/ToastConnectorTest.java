package io.inflow.plugins.toast;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.Checkpoint;
import io.inflow.api.ConnectorConfig;
import io.inflow.api.config.ConfigField;
import io.inflow.testkit.RecordingReadContext;
import io.inflow.testkit.TestClock;
import io.inflow.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the connector declares, and a start date that has not come yet. */
class ToastConnectorTest {

    private final ToastConnector connector = new ToastConnector();

    @Test
    void onlyTheClientSecretIsSecretAndTheCredentialsAndRestaurantAreRequired() {
        List<ConfigField> fields = connector.spec().config().fields();

        assertThat(fields).extracting(ConfigField::name)
                .containsExactly("baseUrl", "clientId", "clientSecret", "restaurantGuid", "startDate");
        assertThat(fields).filteredOn(ConfigField::secret).extracting(ConfigField::name).containsExactly("clientSecret");
        assertThat(fields).filteredOn(ConfigField::required).extracting(ConfigField::name)
                .containsExactly("clientId", "clientSecret", "restaurantGuid");
        assertThat(connector.spec().config().field("baseUrl").orElseThrow().defaultValue())
                .isEqualTo("https://ws-api.toasttab.com");
    }

    @Test
    void declaresToastsOrdersBulkLimitAndPageSize() {
        assertThat(connector.spec().limits().requestsPerSecond()).isEqualTo(5);
        assertThat(connector.spec().limits().pageSize()).isEqualTo(100);
        assertThat(connector.spec().streams()).containsExactly("orders");
    }

    @Test
    void connectionsOfOneClientToOneRestaurantShareALimiter() {
        ConnectorConfig first = config("restaurant-a", "secret-1");

        assertThat(connector.rateLimitScope(first)).isEqualTo(connector.rateLimitScope(config("restaurant-a", "secret-2")))
                .isNotEqualTo(connector.rateLimitScope(config("restaurant-b", "secret-1")))
                .doesNotContain("secret");
    }

    @Test
    void shipsItsViewsAndStats() {
        assertThat(connector.changelog()).contains("inflow/toast/changelog.xml");
        assertThat(getClass().getClassLoader().getResource("inflow/toast/changelog.xml")).isNotNull();
        assertThat(connector.stats()).extracting(stat -> stat.name()).containsExactly("daily_sales", "totals");
    }

    @Test
    void noFullReadOfTheOrdersCountsAsCompleteSoNoImportReconciles() {
        assertThat(connector.fullScanIsComplete(config("restaurant-a", "secret-1"), "orders")).isFalse();
        assertThat(connector.fullScanIsComplete(ConnectorConfig.of(Map.of("baseUrl", "https://ws-api.toasttab.com",
                "clientId", "client", "clientSecret", "s", "restaurantGuid", "r", "startDate", "2025-01-31")), "orders"))
                .isFalse();
    }

    @Test
    void aStartDateStillToComeReadsNothingAndKeepsItsStart() throws Exception {
        TestClock clock = TestClock.at("2025-05-01T00:00:00Z");
        ConnectorConfig config = ConnectorConfig.of(Map.of("baseUrl", "http://localhost:1/toast", "clientId", "c",
                "clientSecret", "s", "restaurantGuid", "r", "startDate", "2025-06-01"));
        TestHost host = new TestHost(new ToastConnector(), config, clock);

        RecordingReadContext context = host.read(host.readContext("orders", Checkpoint.empty()));

        assertThat(context.commits()).hasSize(1);
        assertThat(context.lastCheckpoint()).isEqualTo(Checkpoint.of("modifiedSince", "2025-05-31T10:00:00Z"));
    }

    private static ConnectorConfig config(String restaurant, String secret) {
        return ConnectorConfig.of(Map.of("baseUrl", "https://ws-api.toasttab.com", "clientId", "client",
                "clientSecret", secret, "restaurantGuid", restaurant));
    }
}
