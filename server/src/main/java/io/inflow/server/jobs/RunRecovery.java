package io.inflow.server.jobs;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a run whose node died or stopped: it is marked interrupted (cancelled, if it was being
 * cancelled) and, unless switched off, a {@code resume} run continues it from its last committed checkpoint.
 *
 * <p>Marking is a conditional update of the run's row, so when several nodes notice the same death only one of
 * them resumes the run; and the record sink refuses batches from a node that no longer owns its run, so a node
 * that was only slow cannot write behind its successor.
 */
final class RunRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final ImportRunDao runs;
    private final RunPlans plans;
    private final RunLauncher launcher;
    private final boolean autoResume;

    RunRecovery(ImportRunDao runs, RunPlans plans, RunLauncher launcher, boolean autoResume) {
        this.runs = runs;
        this.plans = plans;
        this.launcher = launcher;
        this.autoResume = autoResume;
    }

    /** A run's node stopped answering: interrupt the run and resume it. */
    void recoverDead(long runId, String reason, RunLauncher.Scheduling scheduling) {
        Optional<RunStatus> before = runs.interrupt(runId, reason);
        if (before.isEmpty()) {
            return;
        }
        LOG.warn("Run {} was {} on a node that stopped answering; marked it {}", runId, before.get().code(),
                before.get() == RunStatus.CANCELLING ? "cancelled" : "interrupted");
        if (before.get() == RunStatus.RUNNING) {
            resume(runId, scheduling);
        }
    }

    /** A run ended interrupted because its node is stopping: hand it to whichever node runs next. */
    void resumeAfterShutdown(long runId, RunLauncher.Scheduling scheduling) {
        resume(runId, scheduling);
    }

    private void resume(long runId, RunLauncher.Scheduling scheduling) {
        if (!autoResume) {
            LOG.info("Run {} stays interrupted: automatic resume is off (jobs.autoResume)", runId);
            return;
        }
        RunRow interrupted = runs.find(runId).orElseThrow();
        try {
            launcher.launch(plans.resume(interrupted, null, "auto-resume"), scheduling)
                    .ifPresent(resumed -> LOG.info("Run {} resumes run {}", resumed.id(), runId));
        } catch (InflowException e) {
            LOG.warn("Run {} was not resumed automatically: {}", runId, e.getMessage());
        }
    }
}
