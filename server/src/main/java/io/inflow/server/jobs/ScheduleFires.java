package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.plugins.PluginAvailability;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.SchedulerStateDao;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * db-scheduler's {@code connection-schedule} task: one recurring execution per scheduled connection, its cron
 * expression in its data. Each fire queues an incremental import, unless the scheduler is stopped, the
 * connection is in its cooldown, its plugin is not active (disabled, missing or failed), or it already has an
 * active run (each such skip told to {@link SkippedFires}, a plugin's absence when it begins); a fire handled twice (its node died half-way) still makes one run, as {@code import_runs} takes
 * one run per connection and fire time.
 */
final class ScheduleFires {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFires.class);

    private final ConnectionService connections;
    private final SchedulerStateDao state;
    private final Cooldown cooldown;
    private final RunPlans plans;
    private final RunLauncher launcher;
    private final SkippedFires skips;
    /** The connections whose fires are being skipped, with the plugin state last logged for each. */
    private final Map<Long, PluginAvailability.State> skipping = new ConcurrentHashMap<>();

    ScheduleFires(ConnectionService connections, SchedulerStateDao state, Cooldown cooldown, RunPlans plans,
                  RunLauncher launcher, SkippedFires skips) {
        this.connections = connections;
        this.state = state;
        this.cooldown = cooldown;
        this.plans = plans;
        this.launcher = launcher;
        this.skips = skips;
    }

    RecurringTaskWithPersistentSchedule<ScheduledConnection> task() {
        return com.github.kagkarlsson.scheduler.task.helper.Tasks
                .recurringWithPersistentSchedule(Tasks.CONNECTION_SCHEDULE.getTaskName(), ScheduledConnection.class)
                .execute((instance, context) -> fire(instance.getData().connectionId(),
                        context.getExecution().executionTime,
                        RunLauncher.Scheduling.through(context.getSchedulerClient())));
    }

    void fire(long connectionId, Instant fireTime, RunLauncher.Scheduling scheduling) {
        if (!state.get().running()) {
            LOG.info("Scheduler is stopped: skipping the {} fire of connection {}", fireTime, connectionId);
            return;
        }
        Optional<Connection> found = connections.find(connectionId);
        if (found.isEmpty() || found.get().jobs().activeCron().isEmpty()) {
            skipping.remove(connectionId);
            return;
        }
        Connection connection = found.get();
        if (!pluginReady(connection, fireTime)) {
            return;
        }
        Optional<java.time.Duration> waiting = cooldown.remaining(connection);
        if (waiting.isPresent()) {
            LOG.info("Connection {} is in its cooldown for {} more; skipping the {} fire", connectionId,
                    waiting.get(), fireTime);
            skips.skipped(connection, fireTime, "the connection is in its cooldown for " + waiting.get() + " more",
                    cooldown.startedBy(connection).orElse(null));
            return;
        }
        try {
            launcher.launch(plans.fresh(connection, RunTrigger.SCHEDULE, RunMode.INCREMENTAL,
                            "cron " + connection.jobs().cron() + " fired at " + fireTime, "scheduler", fireTime),
                    scheduling);
        } catch (InflowException e) {
            LOG.info("Skipping the {} fire of connection {}: {}", fireTime, connectionId, e.getMessage());
            skips.skipped(connection, fireTime, e.getMessage(),
                    e.details().get("activeRunId") instanceof Number run ? run.longValue() : null);
        }
    }

    /**
     * Whether the connection's plugin can run an import. A schedule may fire every second for as long as its
     * plugin is disabled or missing, so the skip is logged when it starts (or its reason changes) and when the
     * plugin is back, not at each fire.
     */
    private boolean pluginReady(Connection connection, Instant fireTime) {
        PluginAvailability plugin = connections.pluginOf(connection);
        if (plugin.isActive()) {
            if (skipping.remove(connection.id()) != null) {
                LOG.info("Plugin '{}' is back: the schedule of connection {} fires again", connection.pluginId(),
                        connection.id());
            }
            return true;
        }
        if (skipping.put(connection.id(), plugin.state()) != plugin.state()) {
            LOG.warn("The schedule of connection {} creates no run until its plugin is back: {}", connection.id(),
                    plugin.message());
            skips.skipped(connection, fireTime, "its plugin is not active: " + plugin.message(), null);
        }
        return false;
    }
}
