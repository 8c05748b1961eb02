package io.inflow.server.api;

import io.inflow.server.connections.JobSettings;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/connections/{id}/schedule}: the settings and the next times the schedule fires. */
public record ScheduleView(long connection, String cron, String timezone, boolean enabled, boolean importOnStartup,
                           long cooldownSeconds, List<Instant> nextFireTimes) {

    static ScheduleView of(long connectionId, JobSettings settings, List<Instant> nextFires) {
        return new ScheduleView(connectionId, settings.cron(), settings.timezone(), settings.scheduleEnabled(),
                settings.importOnStartup(), settings.cooldown().toSeconds(), nextFires);
    }
}
