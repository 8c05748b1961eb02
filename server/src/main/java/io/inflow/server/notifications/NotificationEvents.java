package io.inflow.server.notifications;

import java.util.List;

/** The events a subscription may ask for, by the names its notifications carry as {@code type}. */
public final class NotificationEvents {

    /** Every event, in the order the API lists them. */
    public static final List<String> ALL = List.of("run.succeeded", "run.failed", "run.cancelled", "run.waiting",
            "dead_letters.added", "quota.exhausted", "plugin.failed", "schedule.skipped",
            "expected_figures.mismatch");

    /** Sent at once by {@code POST /api/v1/notifications/{id}/test}; never subscribed to. */
    public static final String TEST = "test";

    private NotificationEvents() {
    }
}
