package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.connections.FieldError;
import io.inflow.server.connections.JobSettings;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ConnectionDao;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and sets connections' schedules. The settings live in {@code connections}; an enabled cron schedule
 * is also a recurring db-scheduler execution, so exactly one node handles each fire.
 */
public final class ConnectionSchedules {

    private static final int NEXT_FIRES_SHOWN = 5;

    private final ConnectionService connections;
    private final ConnectionDao dao;
    private final SchedulerClient scheduler;
    private final Clock clock;

    ConnectionSchedules(ConnectionService connections, ConnectionDao dao, SchedulerClient scheduler, Clock clock) {
        this.connections = connections;
        this.dao = dao;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    public JobSettings get(long connectionId) {
        return connections.get(connectionId).jobs();
    }

    /** The next times the connection's schedule fires, none when it has no enabled schedule. */
    public List<Instant> nextFires(JobSettings settings) {
        if (settings.activeCron().isEmpty()) {
            return List.of();
        }
        CronSchedule cron = ScheduledConnection.parse(settings.cron(), settings.timezone());
        List<Instant> fires = new ArrayList<>();
        Instant after = clock.instant();
        for (int i = 0; i < NEXT_FIRES_SHOWN; i++) {
            after = cron.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
            fires.add(after);
        }
        return fires;
    }

    /**
     * Replaces a connection's schedule settings.
     *
     * @throws InflowException NOT_FOUND, or INVALID naming each bad field
     */
    public JobSettings set(long connectionId, ScheduleSettings settings) {
        Connection connection = connections.get(connectionId);
        String timezone = settings.timezone() == null ? "UTC" : settings.timezone().trim();
        Duration cooldown = settings.cooldown() == null ? Duration.ZERO : settings.cooldown();
        String cron = settings.cron() == null || settings.cron().isBlank() ? null : settings.cron().trim();
        validate(cron, timezone, settings.enabled(), cooldown);
        dao.updateJobSettings(connectionId, cron, timezone, settings.enabled(), settings.importOnStartup(),
                cooldown.toSeconds());
        String instance = ScheduledConnection.instanceId(connection.id());
        if (settings.enabled()) {
            scheduler.schedule(Tasks.CONNECTION_SCHEDULE.instance(instance)
                    .data(new ScheduledConnection(connection.id(), cron, timezone))
                    .scheduledAccordingToData(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } else {
            try {
                scheduler.cancel(Tasks.CONNECTION_SCHEDULE.instanceId(instance));
            } catch (TaskInstanceNotFoundException e) {
                // it had no schedule
            }
        }
        return get(connectionId);
    }

    private static void validate(String cron, String timezone, boolean enabled, Duration cooldown) {
        List<FieldError> errors = new ArrayList<>();
        boolean zoneValid = true;
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            zoneValid = false;
            errors.add(new FieldError("timezone", "is not a time zone such as 'UTC' or 'Europe/Paris'"));
        }
        if (cron == null && enabled) {
            errors.add(new FieldError("cron", "is required to enable the schedule"));
        }
        if (cron != null && zoneValid) {
            try {
                ScheduledConnection.parse(cron, timezone);
            } catch (RuntimeException e) {
                errors.add(new FieldError("cron", "is not a cron expression: " + e.getMessage()));
            }
        }
        if (cooldown.isNegative()) {
            errors.add(new FieldError("cooldownSeconds", "must not be negative"));
        }
        if (!errors.isEmpty()) {
            throw InflowException.invalid("invalid_schedule", "the schedule is not valid: "
                    + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()),
                    Map.of("errors", errors));
        }
    }
}
