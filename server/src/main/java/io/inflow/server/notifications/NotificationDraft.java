package io.inflow.server.notifications;

import java.util.List;

/**
 * A subscription as asked for: a webhook's {@code url} or {@code emails} (one of them), the events and connections
 * it covers (null: all).
 */
public record NotificationDraft(String url, List<String> emails, List<String> events, List<Long> connections) {
}
