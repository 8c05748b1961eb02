package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Instant;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import java.util.Optional;

/**
 * db-scheduler's {@code import-run} task: one execution per run, claimed by one node with
 * {@code FOR UPDATE SKIP LOCKED} and kept alive by that node's heartbeats. When the heartbeats stop, another
 * node's scheduler calls the dead-execution handler here.
 */
final class ImportRunTask {

    private ImportRunTask() {
    }

    static CustomTask<RunTaskData> create(ImportRunner runner, RunRecovery recovery, ImportRunDao runs) {
        return com.github.kagkarlsson.scheduler.task.helper.Tasks.custom(Tasks.IMPORT_RUN)
                .onDeadExecution((ExecutionComplete complete, ExecutionOperations<RunTaskData> operations) ->
                        deadExecution(complete, operations, recovery, runs))
                .execute((instance, context) -> {
                    long runId = instance.getData().runId();
                    Optional<ImportRunner.Outcome> ended = runner.run(runId);
                    if (ended.isPresent() && ended.get().status() == RunStatus.WAITING) {
                        // the same run, the same execution: claimed again when the quota window opens
                        Instant resumeAt = ended.get().resumeAt();
                        return (complete, operations) -> operations.reschedule(complete, resumeAt);
                    }
                    if (ended.isPresent() && ended.get().status() == RunStatus.INTERRUPTED) {
                        recovery.resumeAfterShutdown(runId,
                                RunLauncher.Scheduling.through(context.getSchedulerClient()));
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    private static void deadExecution(ExecutionComplete complete, ExecutionOperations<RunTaskData> operations,
                                      RunRecovery recovery, ImportRunDao runs) {
        Object data = complete.getExecution().taskInstance.getData();
        if (!(data instanceof RunTaskData task)) {
            operations.remove();
            return;
        }
        Optional<RunRow> run = runs.find(task.runId());
        if (run.isPresent() && run.get().status() == RunStatus.QUEUED) {
            // claimed by a node that died before starting it: let any node claim it again
            operations.reschedule(complete, java.time.Instant.now());
            return;
        }
        String node = complete.getExecution().pickedBy;
        boolean[] replaced = {false};
        recovery.recoverDead(task.runId(), "node " + node + " stopped sending heartbeats", execution -> {
            operations.removeAndScheduleNew(execution);
            replaced[0] = true;
        });
        if (!replaced[0]) {
            operations.remove();
        }
    }
}
