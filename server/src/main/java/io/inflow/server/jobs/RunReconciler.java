package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording a run and scheduling its execution are two writes; a node that dies between them leaves a queued
 * run nothing will start. Every half minute one node (db-scheduler runs a recurring task on one node at a time)
 * schedules such runs.
 */
final class RunReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(RunReconciler.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final ImportRunDao runs;
    private final Clock clock;

    RunReconciler(ImportRunDao runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    RecurringTask<Void> task() {
        return com.github.kagkarlsson.scheduler.task.helper.Tasks.recurring(Tasks.RECONCILE, FixedDelay.of(GRACE))
                .execute((instance, context) -> {
                    for (RunRow orphan : runs.queuedWithoutExecution(clock.instant().minus(GRACE),
                            Tasks.IMPORT_RUN.getTaskName())) {
                        LOG.warn("Run {} was queued without an execution; scheduling it", orphan.id());
                        context.getSchedulerClient().scheduleIfNotExists(
                                Tasks.IMPORT_RUN.instance(RunTaskData.instanceId(orphan.id()))
                                        .data(new RunTaskData(orphan.id())).scheduledTo(clock.instant()));
                    }
                });
    }
}
