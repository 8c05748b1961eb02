package io.inflow.server.notifications;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.server.secrets.SecretUnreadableException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one notification to one subscription's target: a webhook signed the Standard Webhooks way
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), or a mail.
 */
public final class Deliverer {

    private final NotificationService subscriptions;
    private final NotificationRenderer renderer;
    private final WebhookClient webhooks;
    private final MailClient mail;
    private final ObjectMapper json;
    private final Clock clock;

    public Deliverer(NotificationService subscriptions, NotificationRenderer renderer, WebhookClient webhooks,
                     MailClient mail, ObjectMapper json, Clock clock) {
        this.subscriptions = subscriptions;
        this.renderer = renderer;
        this.webhooks = webhooks;
        this.mail = mail;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param messageId the {@code webhook-id}, the same on every attempt of one notification
     */
    public TargetAnswer deliver(Notification notification, String messageId, Notice notice)
            throws InterruptedException {
        ObjectNode body = renderer.body(notice);
        if (!notification.isWebhook()) {
            return mail.send(notification.emails(), MailContent.of(body), messageId);
        }
        WebhookSecret secret;
        try {
            secret = subscriptions.secret(notification.id());
        } catch (SecretUnreadableException e) {
            return TargetAnswer.retry(null, null, "its secret cannot be opened: " + e.getMessage(),
                    java.util.Optional.empty());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSignature.sign(secret, messageId, timestamp, bytes));
        return webhooks.post(URI.create(notification.url()), headers, bytes);
    }
}
