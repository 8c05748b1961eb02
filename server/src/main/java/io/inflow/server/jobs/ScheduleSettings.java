package io.inflow.server.jobs;

import java.time.Duration;

/**
 * A connection's schedule as an admin sets it.
 *
 * @param cron five fields (minute first) or six (second first); null to have none
 * @param timezone an IANA zone such as {@code Europe/Paris}; null means UTC
 * @param enabled whether the cron schedule fires
 * @param importOnStartup whether a starting node imports the connection
 * @param cooldown the least time between two of its runs; null means none
 */
public record ScheduleSettings(String cron, String timezone, boolean enabled, boolean importOnStartup,
                               Duration cooldown) {
}
