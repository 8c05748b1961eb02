package io.inflow.server.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A subscription: where notifications go (a webhook's URL, or e-mail addresses), which events and which connections
 * it covers.
 *
 * @param url the webhook's URL, or null for e-mail
 * @param emails the addresses, or null for a webhook
 * @param events the events wanted, or null for every event
 * @param connections the connections covered, or null for every connection
 */
public record Notification(long id, String url, List<String> emails, List<String> events, List<Long> connections,
                           Instant createdAt, Instant updatedAt) {

    public boolean isWebhook() {
        return url != null;
    }
}
