package io.inflow.server.jobs;

import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.StreamStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches this node's reads for the two cases a connector's cooperation cannot handle: a run being cancelled
 * whose {@code read} does not come back to its next commit within {@code jobs.cancelGrace}, and a read that
 * commits nothing for {@code jobs.stallTimeout}. Either way it interrupts the read's worker thread; the runner
 * then records the run cancelled, or failed with the stall as its error.
 *
 * <p>A connector that ignores interrupts (a busy loop) cannot be stopped from inside the JVM: one more
 * {@code cancelGrace} after the interrupt, the watchdog records the run's end itself, so the connection can run
 * again and the record sink refuses anything the stuck read commits later, but that worker thread stays busy
 * until the node restarts.
 */
final class RunWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(RunWatchdog.class);
    private static final String IGNORED_INTERRUPT = "; the connector ignored the interrupt, so its worker thread"
            + " stays busy until the node restarts";

    private final ActiveReads reads;
    private final ImportRunDao runs;
    private final Duration cancelGrace;
    private final Duration stallTimeout;
    private final Clock clock;
    private ScheduledExecutorService timer;

    RunWatchdog(ActiveReads reads, ImportRunDao runs, Duration cancelGrace, Duration stallTimeout, Clock clock) {
        this.reads = reads;
        this.runs = runs;
        this.cancelGrace = cancelGrace;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
    }

    /** Checks every few seconds at most, and a few times within the shorter of the two limits. */
    void start() {
        long periodMillis = Math.max(50, Math.min(2_000, Math.min(cancelGrace.toMillis(), stallTimeout.toMillis()) / 4));
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "run-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::checkSafely, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next check tries again
            LOG.warn("The run watchdog could not check this node's reads: {}", e.toString());
        }
    }

    /** One pass over this node's reads. */
    void check() {
        Instant now = clock.instant();
        for (ActiveRead read : reads.all()) {
            if (read.aborted()) {
                abandonIfIgnored(read, now);
                continue;
            }
            Optional<RunStatus> status = runs.find(read.runId()).map(RunRow::status);
            if (status.isEmpty()) {
                continue;
            }
            if (status.get() == RunStatus.CANCELLING) {
                Instant since = read.cancellingSince(now);
                if (!now.isBefore(since.plus(cancelGrace)) && read.abort(new ActiveRead.Abort(true, null, now))) {
                    LOG.warn("Run {} did not stop at a commit within {} of its cancel; interrupted its read of {}",
                            read.runId(), cancelGrace, read.stream());
                }
            } else if (status.get() == RunStatus.RUNNING && !now.isBefore(read.lastProgress().plus(stallTimeout))) {
                String message = "stream " + read.stream() + ": no progress (no commit) for " + stallTimeout
                        + " (jobs.stallTimeout); the read was interrupted";
                if (read.abort(new ActiveRead.Abort(false, message, now))) {
                    LOG.warn("Run {}: {}", read.runId(), message);
                }
            }
        }
    }

    private void abandonIfIgnored(ActiveRead read, Instant now) {
        ActiveRead.Abort abort = read.abortion();
        if (now.isBefore(abort.at().plus(cancelGrace)) || !read.abandon()) {
            return;
        }
        RunStatus status = abort.cancelled() ? RunStatus.CANCELLED : RunStatus.FAILED;
        String error = (abort.cancelled() ? "cancelled" : abort.message()) + IGNORED_INTERRUPT;
        if (runs.finish(read.runId(), status, error)) {
            runs.finishStream(read.runId(), read.stream(),
                    abort.cancelled() ? StreamStatus.CANCELLED : StreamStatus.FAILED);
            LOG.error("Run {} ended {}: {}", read.runId(), status.code(), error);
        }
    }
}
