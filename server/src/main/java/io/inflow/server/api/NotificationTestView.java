package io.inflow.server.api;

import io.inflow.server.notifications.TargetAnswer;
import io.inflow.server.notifications.TestNotifications;

/**
 * What {@code POST /api/v1/notifications/{id}/test} sent and what the target answered.
 *
 * @param answerCode the target's status code (250 for mail the SMTP server took), or null when nothing answered
 * @param answer the start of the target's answer (a few KB at most), or null
 * @param error why it was not delivered, or null
 */
public record NotificationTestView(String messageId, boolean delivered, Integer answerCode, String answer,
                                   String error) {

    static NotificationTestView of(TestNotifications.Sent sent) {
        TargetAnswer answer = sent.answer();
        return new NotificationTestView(sent.messageId(), answer.outcome() == TargetAnswer.Outcome.DELIVERED,
                answer.code(), answer.body(), answer.error());
    }
}
