package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.connections.FieldError;
import io.inflow.server.connections.JobSettings;
import io.inflow.server.connections.ScheduleCanceller;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and sets connections' schedules. The settings live in {@code connections}; an enabled cron schedule
 * is also a recurring db-scheduler execution, so exactly one node handles each fire.
 */
public final class ConnectionSchedules implements ScheduleCanceller {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSchedules.class);
    private static final int NEXT_FIRES_SHOWN = 5;
    /** How long a deletion waits for a fire of the connection's schedule in progress to end. */
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(10);

    private final ConnectionService connections;
    private final ConnectionDao dao;
    /** How long a schedule change waits for a fire in progress. */
    static final Duration FIRE_WAIT = Duration.ofSeconds(5);

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

    /**
     * The next times the connection's schedule fires, none when it has no enabled schedule or its cron expression
     * never fires (one stored before such expressions were refused).
     */
    public List<Instant> nextFires(JobSettings settings) {
        if (settings.activeCron().isEmpty()) {
            return List.of();
        }
        CronSchedule cron = ScheduledConnection.parse(settings.cron(), settings.timezone());
        List<Instant> fires = new ArrayList<>();
        Instant after = clock.instant();
        for (int i = 0; i < NEXT_FIRES_SHOWN; i++) {
            Optional<Instant> next = nextFire(cron, after);
            if (next.isEmpty()) {
                break;
            }
            after = next.get();
            fires.add(after);
        }
        return fires;
    }

    /**
     * When {@code cron} fires next after {@code after}; empty when it never does. db-scheduler answers a cron
     * expression that matches no date ({@code 0 0 30 2 *}) with a sentinel far in the future, never a real fire.
     */
    private static Optional<Instant> nextFire(CronSchedule cron, Instant after) {
        Instant next = cron.getNextExecutionTime(ExecutionComplete.simulatedSuccess(after));
        return next == null || !next.isBefore(Schedule.NEVER) ? Optional.empty() : Optional.of(next);
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
        validate(cron, timezone, settings.enabled(), cooldown, clock.instant());
        dao.updateJobSettings(connectionId, cron, timezone, settings.enabled(), settings.importOnStartup(),
                cooldown.toSeconds());
        String instance = ScheduledConnection.instanceId(connection.id());
        if (settings.enabled()) {
            unlessFiring(() -> scheduler.schedule(Tasks.CONNECTION_SCHEDULE.instance(instance)
                    .data(new ScheduledConnection(connection.id(), cron, timezone))
                    .scheduledAccordingToData(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE));
        } else {
            unlessFiring(() -> {
                try {
                    scheduler.cancel(Tasks.CONNECTION_SCHEDULE.instanceId(instance));
                } catch (TaskInstanceNotFoundException e) {
                    // it had no schedule
                }
            });
        }
        return get(connectionId);
    }

    /**
     * Removes a deleted connection's schedule. A schedule firing at this moment cannot be cancelled (db-scheduler would
     * reschedule it once the fire ends), so the cancel is tried again until that fire ended: a fire only queues a
     * run, in milliseconds. A fire that comes anyway finds no connection and queues nothing (see
     * {@link ScheduleFires}).
     */
    @Override
    public void cancelSchedule(long connectionId) {
        long deadline = System.nanoTime() + CANCEL_PATIENCE.toNanos();
        while (true) {
            try {
                scheduler.cancel(Tasks.CONNECTION_SCHEDULE.instanceId(ScheduledConnection.instanceId(connectionId)));
                return;
            } catch (TaskInstanceCurrentlyExecutingException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("The schedule of deleted connection {} was firing for {} and was not cancelled; its "
                            + "fires queue nothing", connectionId, CANCEL_PATIENCE);
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (TaskInstanceException e) {
                LOG.info("The schedule of deleted connection {} was not cancelled: {}", connectionId, e.getMessage());
                return;
            }
        }
    }

    /**
     * Changes a schedule once it is not firing: db-scheduler refuses to touch an execution while it runs, and a fire
     * runs for milliseconds (it queues a run). Found by the two-node reliability test as a 500.
     *
     * @throws InflowException CONFLICT {@code schedule_firing} when it is still firing after {@link #FIRE_WAIT}
     */
    static void unlessFiring(Runnable change) {
        long deadline = System.nanoTime() + FIRE_WAIT.toNanos();
        while (true) {
            try {
                change.run();
                return;
            } catch (TaskInstanceCurrentlyExecutingException e) {
                if (System.nanoTime() > deadline) {
                    throw new InflowException(InflowException.Kind.CONFLICT, "schedule_firing",
                            "the connection's schedule is firing right now; try again", Map.of("retryAfterSeconds", 1));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void validate(String cron, String timezone, boolean enabled, Duration cooldown, Instant now) {
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
                if (nextFire(ScheduledConnection.parse(cron, timezone), now).isEmpty()) {
                    errors.add(new FieldError("cron", "never fires: no date matches '" + cron + "'"));
                }
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
