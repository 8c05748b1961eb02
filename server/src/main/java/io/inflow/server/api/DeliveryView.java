package io.inflow.server.api;

import io.inflow.server.store.DeliveryRow;
import java.time.Instant;

/**
 * One notification to one subscription, and how delivering it went.
 *
 * @param messageId the {@code webhook-id}, the same on every attempt
 * @param at when what it tells happened
 * @param status {@code pending} (to be tried, at {@code nextTryAt}), {@code delivered} or {@code failed} (for good)
 * @param attempts the attempts begun so far
 * @param lastAnswerCode the status code of the last answer, or null (none yet, no answer, or mail)
 * @param lastError why the last attempt failed, or null
 * @param nextTryAt when it is tried next; null unless pending
 */
public record DeliveryView(long id, long notification, String messageId, String type, Instant at, Long connection,
                           Long run, String status, int attempts, Integer lastAnswerCode, String lastError,
                           Instant nextTryAt, Instant lastTryAt, Instant deliveredAt, Instant createdAt) {

    static DeliveryView of(DeliveryRow row) {
        return new DeliveryView(row.id(), row.notificationId(), row.messageId(), row.type(), row.at(),
                row.connectionId(), row.runId(), row.status(), row.attempts(), row.lastAnswerCode(), row.lastError(),
                row.status().equals("pending") ? row.nextAttemptAt() : null, row.lastAttemptAt(), row.deliveredAt(),
                row.createdAt());
    }
}
