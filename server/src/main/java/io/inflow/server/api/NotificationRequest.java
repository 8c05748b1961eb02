package io.inflow.server.api;

import io.inflow.server.notifications.NotificationDraft;
import java.util.List;

/**
 * The body of {@code POST /api/v1/notifications} and {@code PUT /api/v1/notifications/{id}}: a webhook's {@code url}
 * or {@code email} addresses (one of the two), and the {@code events} and {@code connections} it covers (left out:
 * all).
 */
public record NotificationRequest(String url, List<String> email, List<String> events, List<Long> connections) {

    NotificationDraft draft() {
        return new NotificationDraft(url, email, events, connections);
    }
}
