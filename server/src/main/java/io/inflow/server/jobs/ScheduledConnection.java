package io.inflow.server.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;
import com.github.kagkarlsson.scheduler.task.schedule.CronSchedule;
import com.github.kagkarlsson.scheduler.task.schedule.CronStyle;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.ZoneId;

/**
 * The data of a connection's db-scheduler schedule: its id and its cron expression, stored as JSON.
 *
 * @param connectionId the connection to import
 * @param cron five fields (minute first) or six (second first)
 * @param timezone the zone the expression is read in
 */
public record ScheduledConnection(long connectionId, String cron, String timezone) implements ScheduleAndData {

    private static final long serialVersionUID = 1L;

    static String instanceId(long connectionId) {
        return "connection-" + connectionId;
    }

    /** Parses a cron expression: five fields are Unix cron, six are Spring's (seconds first). */
    static CronSchedule parse(String cron, String timezone) {
        String[] fields = cron.trim().split("\\s+");
        CronStyle style = switch (fields.length) {
            case 5 -> CronStyle.UNIX;
            case 6 -> CronStyle.SPRING53;
            default -> throw new IllegalArgumentException(
                    "a cron expression has 5 fields (minute hour day month weekday) or 6 (second first), this one has "
                            + fields.length);
        };
        return new CronSchedule(cron.trim(), ZoneId.of(timezone), style);
    }

    @JsonIgnore
    @Override
    public Schedule getSchedule() {
        return parse(cron, timezone);
    }

    @JsonIgnore
    @Override
    public Object getData() {
        return connectionId;
    }
}
