package io.inflow.server.notifications;

import java.time.Clock;
import java.util.UUID;

/** {@code POST /api/v1/notifications/{id}/test}: a {@code test} notification sent at once, outside the outbox. */
public final class TestNotifications {

    private final NotificationService subscriptions;
    private final Deliverer deliverer;
    private final Clock clock;

    public TestNotifications(NotificationService subscriptions, Deliverer deliverer, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    /** What was sent, and what the target answered. */
    public record Sent(String messageId, TargetAnswer answer) {
    }

    /** @throws io.inflow.server.errors.InflowException NOT_FOUND for an unknown subscription */
    public Sent send(long notificationId) throws InterruptedException {
        Notification notification = subscriptions.get(notificationId);
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        Notice notice = new Notice(NotificationEvents.TEST, clock.instant(), null, null,
                "{\"notification\":" + notificationId + "}");
        return new Sent(messageId, deliverer.deliver(notification, messageId, notice));
    }
}
