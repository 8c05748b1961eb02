package io.inflow.plugins.mindbody;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import io.inflow.sandbox.SandboxOptions;
import io.inflow.sandbox.mindbody.MindbodyApi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which Mindbody streams a completed full import reconciles (marks deleted what it did not see): those a full read
 * lists whole, never those read by a date window.
 */
class FullScanIsCompleteTest {

    private final MindbodyConnector connector = new MindbodyConnector();

    private static ConnectorConfig config(Map<String, Object> window) {
        Map<String, Object> config = new HashMap<>(Map.of("apiKey", SandboxOptions.DEFAULT_TOKEN,
                "siteId", MindbodyApi.SITE_ID, "username", MindbodyApi.USERNAME, "password", MindbodyApi.PASSWORD));
        config.putAll(window);
        return ConnectorConfig.of(config);
    }

    @Test
    void clientsAndClassDescriptionsReconcileAndTheStreamsReadByADateWindowDoNot() {
        for (ConnectorConfig config : new ConnectorConfig[] {config(Map.of()),
                config(Map.of("startDate", "2024-10-13", "endDate", "2025-11-14"))}) {
            Map<String, Boolean> complete = new HashMap<>();
            connector.streams(config)
                    .forEach(stream -> complete.put(stream, connector.fullScanIsComplete(config, stream)));

            assertThat(complete).containsExactlyInAnyOrderEntriesOf(Map.of("clients", true, "classes", true,
                    "class_schedules", false, "visits", false, "sales", false));
        }
    }

    /**
     * A full read of clients asks for the inactive ones too, and nothing else narrows it: without
     * {@code includeInactive} Mindbody lists only active clients, and a full import would mark every inactive one
     * deleted. Class descriptions are asked for with no filter at all.
     */
    @Test
    void theFullReadsOfTheStreamsThatReconcileAreNotFiltered() {
        ScanPosition full = ScanPosition.everything(Instant.parse("2025-12-01T09:00:00Z"));

        assertThat(MindbodyStream.CLIENTS.filter(ScanPosition.clientsSince(null, full.startedAt())))
                .containsExactly(Map.entry("request.includeInactive", "true"));
        assertThat(MindbodyStream.CLASSES.filter(full)).isEmpty();
        assertThat(MindbodyStream.SALES.filter(ScanPosition.window(LocalDate.parse("2024-10-13"),
                LocalDate.parse("2025-11-14"), full.startedAt()))).containsKeys("request.startSaleDateTime",
                "request.endSaleDateTime");
    }
}
