package io.inflow.server.connections;

import java.time.Duration;
import java.util.Optional;

/**
 * When a connection imports by itself, and how often it may import at all.
 *
 * @param cron its cron expression (five fields, or six with seconds first), or null when it has none
 * @param timezone the zone the cron expression is read in, such as {@code Europe/Paris}
 * @param scheduleEnabled whether the cron schedule fires
 * @param importOnStartup whether a node that starts imports it (full when it has no records yet)
 * @param cooldown the least time between the starts of two of its runs; zero for none
 */
public record JobSettings(String cron, String timezone, boolean scheduleEnabled, boolean importOnStartup,
                          Duration cooldown) {

    public static final JobSettings NONE = new JobSettings(null, "UTC", false, false, Duration.ZERO);

    public Optional<String> activeCron() {
        return scheduleEnabled && cron != null ? Optional.of(cron) : Optional.empty();
    }
}
