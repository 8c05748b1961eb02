package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.inflow.server.connections.Connection;
import io.inflow.server.connections.ConnectionService;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunMode;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunTrigger;
import java.util.Map;

/** What the API asks of the job engine: start, resume and cancel imports. */
public final class ImportService {

    private final ImportRunDao runs;
    private final ConnectionService connections;
    private final RunPlans plans;
    private final RunLauncher launcher;
    private final Cooldown cooldown;
    private final SchedulerClient scheduler;

    ImportService(ImportRunDao runs, ConnectionService connections, RunPlans plans, RunLauncher launcher,
                  Cooldown cooldown, SchedulerClient scheduler) {
        this.runs = runs;
        this.connections = connections;
        this.plans = plans;
        this.launcher = launcher;
        this.cooldown = cooldown;
        this.scheduler = scheduler;
    }

    /**
     * Queues a manual import of every stream of a connection; any node may run it.
     *
     * @param force start even inside the connection's cooldown
     * @throws InflowException NOT_FOUND for an unknown connection; CONFLICT when its plugin is not usable or it
     *                         has an active run; TOO_MANY_REQUESTS inside its cooldown
     */
    public RunRow trigger(long connectionId, RunMode mode, String notes, String requestedBy, boolean force) {
        Connection connection = connections.get(connectionId);
        if (!force) {
            cooldown.check(connection);
        }
        return launch(plans.fresh(connection, RunTrigger.MANUAL, mode, notes, requestedBy, null));
    }

    /**
     * Queues a {@code resume} run that continues a failed, interrupted or cancelled run from its checkpoints.
     *
     * @throws InflowException NOT_FOUND, CONFLICT ({@code not_resumable}, {@code run_active}) or
     *                         TOO_MANY_REQUESTS inside the cooldown unless forced
     */
    public RunRow resume(long runId, String notes, String requestedBy, boolean force) {
        RunRow previous = runs.find(runId).orElseThrow(() -> InflowException.notFound("import run", runId));
        Connection connection = connections.get(previous.connectionId());
        if (!force) {
            cooldown.check(connection);
        }
        return launch(plans.resume(previous, notes, requestedBy));
    }

    /**
     * Asks a run to stop. A queued run is cancelled at once; a running one stores the page it is reading, then
     * ends {@code cancelled} with its checkpoint kept.
     *
     * @throws InflowException NOT_FOUND, or CONFLICT {@code not_active} when it already ended
     */
    public RunRow cancel(long runId) {
        RunRow run = runs.find(runId).orElseThrow(() -> InflowException.notFound("import run", runId));
        if (run.status() == RunStatus.CANCELLING) {
            return run;
        }
        if (runs.requestCancel(runId).isEmpty()) {
            RunRow now = runs.find(runId).orElseThrow();
            throw new InflowException(InflowException.Kind.CONFLICT, "not_active",
                    "run " + runId + " is " + now.status().code() + " and cannot be cancelled",
                    Map.of("status", now.status().code()));
        }
        return runs.find(runId).orElseThrow();
    }

    private RunRow launch(io.inflow.server.store.NewRun run) {
        return launcher.launch(run, RunLauncher.Scheduling.through(scheduler))
                .orElseThrow(() -> new IllegalStateException("a manual run never answers a cron fire"));
    }
}
