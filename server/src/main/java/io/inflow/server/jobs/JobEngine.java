package io.inflow.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.metrics.ImportMetrics;
import io.inflow.server.plugins.PluginRegistry;
import io.inflow.server.resilience.UpstreamClients;
import io.inflow.server.store.Store;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The job engine of one node, wired: what the API calls ({@link ImportService}, {@link ConnectionSchedules},
 * {@link SchedulerControl}, {@link DeadLetterReplay}, {@link ConnectionCheck}, {@link ConnectionEditor},
 * {@link ConnectionRemoval}) and the {@link JobScheduler} whose lifecycle the application manages.
 */
public record JobEngine(ImportService imports, ConnectionSchedules schedules, SchedulerControl control,
                        DeadLetterReplay deadLetters, ConnectionCheck checks, ConnectionEditor editor,
                        ConnectionRemoval removals, JobScheduler scheduler) {

    public static JobEngine create(Store store, ConnectionService connections, PluginRegistry plugins,
                                   UpstreamClients upstreams, ObjectMapper json, JobsConfiguration config,
                                   DataSource dataSource, Clock clock, ImportMetrics metrics) {
        NodeSignals signals = new NodeSignals();
        RunPlans plans = new RunPlans(plugins, store.runs());
        RunLauncher launcher = new RunLauncher(store.runs(), clock);
        Cooldown cooldown = new Cooldown(store.runs(), clock);
        ActiveReads reads = new ActiveReads(clock);
        ImportRunner runner = new ImportRunner(store, connections, plugins, upstreams, json, config.nodeName(), signals,
                metrics, reads, clock);
        RunWatchdog watchdog = new RunWatchdog(reads, store.runs(), config.cancelGrace(), config.stallTimeout(), clock);
        RunRecovery recovery = new RunRecovery(store.runs(), plans, launcher, config.autoResume());
        ScheduleFires fires = new ScheduleFires(connections, store.schedulerState(), cooldown, plans, launcher);
        StartupImports startup = new StartupImports(connections, store.connections(), store.schedulerState(),
                cooldown, plans, launcher);
        ConnectionCheck checks = new ConnectionCheck(connections, plugins, upstreams, store.states(), clock);
        JobScheduler scheduler = new JobScheduler(dataSource, config, signals, runner, recovery, fires,
                new RunReconciler(store.runs(), clock), startup, store.runs(), watchdog);
        return new JobEngine(
                new ImportService(store.runs(), connections, plans, launcher, cooldown, scheduler.client()),
                new ConnectionSchedules(connections, store.connections(), scheduler.client(), clock),
                new SchedulerControl(store.schedulerState()),
                new DeadLetterReplay(store.deadLetters(), store.sink(), connections, plugins, upstreams, store.states(), clock),
                checks,
                new ConnectionEditor(connections, checks),
                new ConnectionRemoval(store, scheduler.client()),
                scheduler);
    }
}
