package io.inflow.plugins.gmail;

import io.inflow.api.ConnectorConfig;
import java.util.List;
import java.util.Optional;

/** A connection's configuration, read once per call from the host's validated values. */
record GmailSettings(String baseUrl, String tokenUrl, String clientId, String clientSecret, String refreshToken,
                     String userId, Scope scope) {

    static GmailSettings of(ConnectorConfig config) {
        return new GmailSettings(config.requireString(GmailConnector.BASE_URL), config.requireString(GmailConnector.TOKEN_URL),
                config.requireString(GmailConnector.CLIENT_ID), config.requireString(GmailConnector.CLIENT_SECRET),
                config.requireString(GmailConnector.REFRESH_TOKEN),
                config.string(GmailConnector.USER_ID).filter(id -> !id.isBlank()).orElse("me"),
                scopeOf(config));
    }

    /** The connection's scope alone: its query, label ids and spam-and-trash choice. */
    static Scope scopeOf(ConnectorConfig config) {
        Optional<String> query = config.string(GmailConnector.QUERY).map(String::strip).filter(q -> !q.isEmpty());
        List<String> labelIds = config.stringList(GmailConnector.LABEL_IDS);
        boolean includeSpamTrash = config.bool(GmailConnector.INCLUDE_SPAM_TRASH).orElse(false);
        return new Scope(query, labelIds, includeSpamTrash);
    }
}
