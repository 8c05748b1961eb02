package io.inflow.server.api;

import io.inflow.server.jobs.ScheduleSettings;
import java.time.Duration;

/**
 * The body of {@code PUT /api/v1/connections/{id}/schedule}; it replaces every setting. {@code enabled} defaults
 * to whether a cron expression is given.
 */
public record ScheduleRequest(String cron, String timezone, Boolean enabled, Boolean importOnStartup,
                              Long cooldownSeconds) {

    ScheduleSettings toSettings() {
        boolean hasCron = cron != null && !cron.isBlank();
        return new ScheduleSettings(cron, timezone, enabled == null ? hasCron : enabled,
                importOnStartup != null && importOnStartup,
                cooldownSeconds == null ? Duration.ZERO : Duration.ofSeconds(cooldownSeconds));
    }
}
