package io.inflow.server.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders notifications as the API shows what they tell: a webhook's body and a mail's facts are
 * {@code {type, timestamp, data}}, {@code data.run} the run exactly as {@code GET /api/v1/imports/{id}} showed it
 * when it happened.
 */
public interface NotificationRenderer {

    ObjectNode body(Notice notice);
}
