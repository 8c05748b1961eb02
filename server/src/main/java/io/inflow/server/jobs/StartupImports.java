package io.inflow.server.jobs;

import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.SchedulerStateDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The imports connections ask for when a node starts: full when the connection has no records yet,
 * incremental otherwise. Skipped while the scheduler is stopped, inside a cooldown, or when a run is active.
 */
final class StartupImports {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImports.class);

    private final ConnectionService connections;
    private final ConnectionDao connectionDao;
    private final SchedulerStateDao state;
    private final Cooldown cooldown;
    private final RunPlans plans;
    private final RunLauncher launcher;

    StartupImports(ConnectionService connections, ConnectionDao connectionDao, SchedulerStateDao state,
                   Cooldown cooldown, RunPlans plans, RunLauncher launcher) {
        this.connections = connections;
        this.connectionDao = connectionDao;
        this.state = state;
        this.cooldown = cooldown;
        this.plans = plans;
        this.launcher = launcher;
    }

    void run(RunLauncher.Scheduling scheduling) {
        if (!state.get().running()) {
            LOG.info("Scheduler is stopped: no start-up imports");
            return;
        }
        for (Connection connection : connections.list()) {
            if (!connection.jobs().importOnStartup() || cooldown.remaining(connection).isPresent()) {
                continue;
            }
            RunMode mode = connectionDao.hasRecords(connection.id()) ? RunMode.INCREMENTAL : RunMode.FULL;
            try {
                launcher.launch(plans.fresh(connection, RunTrigger.STARTUP, mode, "import at start-up", "startup", null),
                        scheduling).ifPresent(run -> LOG.info("Start-up import {} of connection {} ({})", run.id(),
                        connection.id(), mode.code()));
            } catch (InflowException e) {
                LOG.info("No start-up import of connection {}: {}", connection.id(), e.getMessage());
            }
        }
    }
}
