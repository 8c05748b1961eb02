package io.inflow.server.jobs;

import io.inflow.server.connections.ConnectionService;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.CheckpointCodec;
import io.inflow.server.store.CheckpointDao;
import io.inflow.server.store.ConnectionDao;
import io.inflow.server.store.ConnectionStates;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RecordCountDao;
import io.inflow.server.store.RecordSink;
import io.inflow.server.store.RunReads;
import io.inflow.server.store.SchedulerStateDao;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The job engine of one node, wired: what the API calls ({@link ImportService}, {@link RunHistory},
 * {@link ConnectionSchedules}, {@link SchedulerControl}, {@link CheckpointService}) and the {@link JobScheduler}
 * whose lifecycle the application manages.
 */
public record JobEngine(ImportService imports, RunHistory history, ConnectionSchedules schedules,
                        SchedulerControl control, CheckpointService checkpoints, JobScheduler scheduler) {

    /**
     * @param runReads the API's reads of runs with their streams
     * @param connectionDao the connections' rows, for what the engine writes there itself: their schedules
     * @param skippedFires told of each schedule fire that made no run
     */
    public static JobEngine create(ImportRunDao runs, RunReads runReads, CheckpointDao checkpoints,
                                   RecordCountDao recordCounts, SchedulerStateDao schedulerState,
                                   ConnectionDao connectionDao, RecordSink sink,
                                   ConnectionStates states, ConnectionService connections, PluginRegistry plugins,
                                   UpstreamClients upstreams, CheckpointCodec checkpointCodec,
                                   JobsConfiguration config, DataSource dataSource, Clock clock,
                                   ImportMetrics metrics, SkippedFires skippedFires) {
        NodeSignals signals = new NodeSignals();
        RunPlans plans = new RunPlans(plugins, runs);
        RunLauncher launcher = new RunLauncher(runs, clock);
        Cooldown cooldown = new Cooldown(runs, clock);
        ActiveReads reads = new ActiveReads(clock);
        ImportRunner runner = new ImportRunner(runs, checkpoints, recordCounts, sink, states, connections, plugins,
                upstreams, checkpointCodec, config.nodeName(), signals, metrics, reads, clock);
        RunWatchdog watchdog = new RunWatchdog(reads, runs, config.cancelGrace(), config.stallTimeout(), clock);
        RunRecovery recovery = new RunRecovery(runs, plans, launcher, config.autoResume());
        ScheduleFires fires = new ScheduleFires(connections, schedulerState, cooldown, plans, launcher,
                skippedFires);
        StartupImports startup = new StartupImports(connections, connectionDao, schedulerState, cooldown, plans,
                launcher);
        JobScheduler scheduler = new JobScheduler(dataSource, config, signals, runner, recovery, fires,
                new RunReconciler(runs, clock), startup, runs, watchdog);
        return new JobEngine(
                new ImportService(runs, connections, plans, launcher, cooldown, scheduler.client()),
                new RunHistory(runs, runReads),
                new ConnectionSchedules(connections, connectionDao, scheduler.client(), clock),
                new SchedulerControl(schedulerState),
                new CheckpointService(checkpoints, runs, connections, checkpointCodec),
                scheduler);
    }
}
