package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.dropwizard.lifecycle.Managed;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's db-scheduler: it claims due import runs and schedule fires from the shared {@code scheduled_tasks}
 * table, sends heartbeats for the runs it executes, and notices the runs of nodes that stopped sending theirs.
 *
 * <p>Starting, it first recovers the runs an earlier life of this node left running (a crash or a kill), then
 * queues the connections' start-up imports. Stopping, it tells its imports to end at their next page, waits
 * for them up to the configured grace, and lets another node (or its own next life) resume them.
 */
public final class JobScheduler implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final Scheduler scheduler;
    private final NodeSignals signals;
    private final RunRecovery recovery;
    private final StartupImports startupImports;
    private final ImportRunDao runs;
    private final String node;
    private final RunWatchdog watchdog;

    JobScheduler(DataSource dataSource, JobsConfiguration config, NodeSignals signals, ImportRunner runner,
                 RunRecovery recovery, ScheduleFires fires, RunReconciler reconciler, StartupImports startupImports,
                 ImportRunDao runs, RunWatchdog watchdog) {
        this.signals = signals;
        this.recovery = recovery;
        this.startupImports = startupImports;
        this.runs = runs;
        this.node = config.nodeName();
        this.watchdog = watchdog;
        RecurringTask<Void> reconcile = reconciler.task();
        this.scheduler = Scheduler.create(dataSource, List.of(ImportRunTask.create(runner, recovery, runs), fires.task()))
                .startTasks(reconcile)
                .schedulerName(new SchedulerName.Fixed(node))
                .threads(config.workerThreads())
                .pollingInterval(config.pollingInterval())
                .heartbeatInterval(config.heartbeatInterval())
                .missedHeartbeatsLimit(config.missedHeartbeats())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .serializer(new JacksonSerializer())
                .shutdownMaxWait(config.shutdownGrace())
                .build();
    }

    /** Schedules executions and schedules; the same table every node reads. */
    public SchedulerClient client() {
        return scheduler;
    }

    @Override
    public void start() {
        for (RunRow orphan : runs.runningOn(node)) {
            recovery.recoverDead(orphan.id(), "node " + node + " restarted while the run was active",
                    RunLauncher.Scheduling.through(scheduler));
        }
        scheduler.start();
        watchdog.start();
        startupImports.run(RunLauncher.Scheduling.through(scheduler));
        LOG.info("Job scheduler of node {} started", node);
    }

    @Override
    public void stop() {
        signals.stop();
        scheduler.stop();
        watchdog.stop();
        LOG.info("Job scheduler of node {} stopped", node);
    }
}
