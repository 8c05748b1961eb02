package io.inflow.server.api;

import io.inflow.server.notifications.NotificationService;
import io.inflow.server.notifications.WebhookSecret;
import java.time.Instant;
import java.util.List;

/**
 * A subscription just created: as {@link NotificationView}, and for a webhook its {@code secret}
 * ({@code whsec_...}), which no later answer shows; null for e-mail.
 */
public record CreatedNotificationView(long id, String url, List<String> email, List<String> events,
                                      List<Long> connections, Instant createdAt, Instant updatedAt, String secret) {

    static CreatedNotificationView of(NotificationService.Created created) {
        NotificationView view = NotificationView.of(created.notification());
        return new CreatedNotificationView(view.id(), view.url(), view.email(), view.events(), view.connections(),
                view.createdAt(), view.updatedAt(), created.secret().map(WebhookSecret::text).orElse(null));
    }
}
