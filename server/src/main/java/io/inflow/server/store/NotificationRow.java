package io.inflow.server.store;

import java.time.Instant;

/**
 * A row of {@code notifications}: a subscription.
 *
 * @param url the webhook's URL, or null for e-mail
 * @param emails the addresses as a JSON array, or null for a webhook
 * @param events the events wanted as a JSON array, or null for every event
 * @param connections the connection ids covered as a JSON array, or null for every connection
 * @param secret the webhook's secret, sealed; null for e-mail
 */
public record NotificationRow(long id, String url, String emails, String events, String connections, String secret,
                              Instant createdAt, Instant updatedAt) {
}
