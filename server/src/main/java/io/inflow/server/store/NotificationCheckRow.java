package io.inflow.server.store;

import java.time.Instant;

/** A row of {@code notification_checks}: a condition to check before a notification is written. */
public record NotificationCheckRow(long id, String kind, long connectionId, long runId, Instant at) {
}
