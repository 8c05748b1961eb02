package io.inflow.plugins.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inflow.api.ConnectorConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the connector declares about its streams. */
class GmailConnectorTest {

    private final GmailConnector connector = new GmailConnector();

    @Test
    void aFullScanOfTheMessagesIsCompleteOnlyWhenNoQueryOrLabelNarrowsIt() {
        assertThat(connector.fullScanIsComplete(config(Map.of()), "messages")).isTrue();
        assertThat(connector.fullScanIsComplete(config(Map.of("includeSpamTrash", true)), "messages")).isTrue();
        assertThat(connector.fullScanIsComplete(config(Map.of("query", "  ")), "messages"))
                .as("a blank query is no query").isTrue();
        assertThat(connector.fullScanIsComplete(config(Map.of("query", "newer_than:1y")), "messages")).isFalse();
        assertThat(connector.fullScanIsComplete(config(Map.of("labelIds", List.of("INBOX"))), "messages")).isFalse();
        assertThat(connector.fullScanIsComplete(config(Map.of("query", "label:clients", "includeSpamTrash", true)),
                "messages")).isFalse();
    }

    @Test
    void aFullScanOfTheLabelsIsAlwaysCompleteForGmailListsThemAllInOneAnswer() {
        assertThat(connector.fullScanIsComplete(config(Map.of()), "labels")).isTrue();
        assertThat(connector.fullScanIsComplete(config(Map.of("query", "newer_than:1y", "labelIds", List.of("INBOX"))),
                "labels")).isTrue();
    }

    private static ConnectorConfig config(Map<String, Object> extra) {
        Map<String, Object> values = new HashMap<>(Map.of("clientId", "client", "clientSecret", "secret",
                "refreshToken", "1//token"));
        values.putAll(extra);
        return ConnectorConfig.of(values);
    }
}
