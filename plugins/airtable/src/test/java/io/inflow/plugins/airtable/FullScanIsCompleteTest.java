package io.inflow.plugins.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import io.inflow.api.config.ConfigField;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Airtable streams a completed full import reconciles: those whose full scan reads every record. */
class FullScanIsCompleteTest {

    private final AirtableConnector connector = new AirtableConnector();

    @Test
    void everyConfiguredTableIsReadWholeSoItsFullScansReconcile() {
        ConnectorConfig config = ConnectorConfig.of(Map.of("apiToken", "pat", "baseId", "appClinicConversations",
                "tables", List.of("Conversations", "tblArchive00000000"), "modifiedField", "Updated"));

        assertThat(connector.streams(config)).allSatisfy(table ->
                assertThat(connector.fullScanIsComplete(config, table)).as(table).isTrue());
        assertThat(connector.fullScanIsComplete(config, "Leads")).as("a table the connection does not read").isFalse();
    }

    /**
     * A connection cannot narrow what a full scan reads. Should a key such as a formula, a view or a record limit be
     * added, the tables it narrows must answer false, or a full import would mark deleted what it filtered out.
     */
    @Test
    void noConfigurationKeyFiltersATable() {
        assertThat(connector.spec().config().fields()).extracting(ConfigField::name)
                .containsExactly("baseUrl", "apiToken", "baseId", "tables", "modifiedField");
    }
}
