package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.NewRun;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.util.PSQLException;

/**
 * Records a queued run and schedules its db-scheduler execution, which whichever node polls first will claim.
 * The database refuses a second active run of a connection and a second run of one cron fire.
 */
final class RunLauncher {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String ONE_PER_FIRE = "import_runs_one_per_fire";

    private final ImportRunDao runs;
    private final Clock clock;

    RunLauncher(ImportRunDao runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /**
     * Queues a run and schedules it now.
     *
     * @return the run, or empty when it answers a cron fire that was handled already
     * @throws InflowException CONFLICT {@code run_active} (with {@code activeRunId}) when the connection has an
     *                         active run
     */
    Optional<RunRow> launch(NewRun run, Scheduling scheduling) {
        long runId;
        try {
            runId = runs.insertQueued(run)
                    .orElseThrow(() -> InflowException.notFound("connection", run.connectionId()));
        } catch (UnableToExecuteStatementException e) {
            if (!(e.getCause() instanceof SQLException sql) || !UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw e;
            }
            if (ONE_PER_FIRE.equals(constraint(sql))) {
                return Optional.empty();
            }
            throw activeRunConflict(run.connectionId());
        }
        try {
            scheduling.schedule(Tasks.IMPORT_RUN.instance(RunTaskData.instanceId(runId)).data(new RunTaskData(runId))
                    .scheduledTo(clock.instant()));
        } catch (RuntimeException e) {
            runs.finish(runId, RunStatus.FAILED, "could not be scheduled: " + e.getMessage());
            throw e;
        }
        return runs.find(runId);
    }

    /** How a launched run's execution reaches db-scheduler: a client, or a dead execution's operations. */
    @FunctionalInterface
    interface Scheduling {
        void schedule(SchedulableInstance<RunTaskData> execution);

        static Scheduling through(SchedulerClient client) {
            return client::scheduleIfNotExists;
        }
    }

    private InflowException activeRunConflict(long connectionId) {
        Long activeRunId = runs.findActive(connectionId).map(RunRow::id).orElse(null);
        return new InflowException(InflowException.Kind.CONFLICT, "run_active",
                "connection " + connectionId + " already has an active import"
                        + (activeRunId == null ? "" : " (run " + activeRunId + ")"),
                activeRunId == null ? Map.of() : Map.of("activeRunId", activeRunId));
    }

    private static String constraint(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getConstraint();
        }
        return null;
    }
}
