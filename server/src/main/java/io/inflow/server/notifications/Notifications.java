package io.inflow.server.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.metrics.NotificationMetrics;
import io.inflow.server.secrets.SecretEnvelope;
import io.inflow.server.stats.ConnectionStatistics;
import io.inflow.server.store.DatabaseEndpoint;
import io.inflow.server.store.DeliveryDao;
import io.inflow.server.store.NotificationCheckDao;
import io.inflow.server.store.NotificationDao;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Function;

/**
 * Notifications, wired: the subscriptions, the test sends, the deliveries' record, and this node's dispatcher of the
 * outbox (a {@code Managed} to start after the API's services and stop before them), with the webhook client it
 * closes last.
 */
public record Notifications(NotificationService subscriptions, TestNotifications tests, Deliveries deliveries,
                            DeliveryDispatcher dispatcher, WebhookClient webhooks) {

    /** What {@link #create} needs of the database. */
    public record Daos(NotificationDao notifications, DeliveryDao deliveries, NotificationCheckDao checks) {
    }

    public static Notifications create(Daos daos, NotificationsConfiguration config, SecretEnvelope envelope,
                                       NotificationRenderer renderer, ConnectionStatistics statistics,
                                       String node, DatabaseEndpoint database, NotificationMetrics metrics,
                                       Function<String, String> environment, ObjectMapper json, Clock clock) {
        if (config.claimLease().compareTo(config.timeout()) <= 0) {
            org.slf4j.LoggerFactory.getLogger(Notifications.class).warn("notifications.claimLease ({}) is not longer "
                    + "than notifications.timeout ({}): a slow target's notification may be sent by two nodes at once",
                    config.claimLease(), config.timeout());
        }
        SecureRandom random = new SecureRandom();
        TargetGuard guard = TargetGuard.of(config.allowPrivateTargets());
        MailClient mail = new MailClient(config.smtp(), config.timeout(), environment, clock);
        NotificationService subscriptions = new NotificationService(daos.notifications(), envelope, guard,
                mail.configured(), json, random);
        WebhookClient webhooks = new WebhookClient(guard, config.timeout(), clock);
        Deliverer deliverer = new Deliverer(subscriptions, renderer, webhooks, mail, json, clock);
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(daos.deliveries(), subscriptions, deliverer,
                new FigureChecks(daos.checks(), statistics, json, config.claimLease()),
                new DeliveryBackoff(config.initialBackoff(), config.maxBackoff(), random::nextDouble), config, node,
                database, metrics, clock);
        return new Notifications(subscriptions, new TestNotifications(subscriptions, deliverer, clock),
                new Deliveries(daos.deliveries(), subscriptions), dispatcher, webhooks);
    }
}
