package io.inflow.server.api;

import io.inflow.server.notifications.Notification;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API shows it; never its secret. {@code events} and {@code connections} are null when it
 * covers every event or connection.
 */
public record NotificationView(long id, String url, List<String> email, List<String> events, List<Long> connections,
                               Instant createdAt, Instant updatedAt) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.url(), notification.emails(),
                notification.events(), notification.connections(), notification.createdAt(),
                notification.updatedAt());
    }
}
