package io.inflow.server.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code notification_deliveries}: one notification to one subscription, and how delivering it went.
 *
 * @param messageId the {@code webhook-id}, the same on every attempt
 * @param at when what it tells happened
 * @param data the facts it tells, as JSON (see the migration {@code 0020-create-notifications})
 * @param status {@code pending}, {@code delivered} or {@code failed}
 * @param attempts the attempts begun, the one under way included
 * @param retryFrom when its retry window began: its creation, or its last redelivery
 * @param leaseToken the claim of the node sending it now, or null
 */
public record DeliveryRow(long id, long notificationId, String messageId, String type, Instant at, Long connectionId,
                          Long runId, String data, String status, int attempts, Instant nextAttemptAt,
                          Instant retryFrom, Instant lastAttemptAt, Integer lastAnswerCode, String lastError,
                          Instant deliveredAt, Instant createdAt, UUID leaseToken) {
}
