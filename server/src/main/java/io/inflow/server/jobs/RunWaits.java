package io.inflow.server.jobs;

import io.inflow.server.resilience.UpstreamWaits;
import io.inflow.server.store.ImportRunDao;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's side of its calls' long waits on the upstream: recorded in its row ({@code waiting_until},
 * {@code waiting_reason}) for every node's API to show, and cut short when the run is cancelled or this node stops.
 * Recording is best effort: a run waits whether or not its status could say so.
 */
final class RunWaits implements UpstreamWaits {

    private static final Logger LOG = LoggerFactory.getLogger(RunWaits.class);
    private static final int MAX_REASON_LENGTH = 1_000;

    private final long runId;
    private final ImportRunDao runs;
    private final NodeSignals signals;
    private final ActiveReads reads;

    RunWaits(long runId, ImportRunDao runs, NodeSignals signals, ActiveReads reads) {
        this.runId = runId;
        this.runs = runs;
        this.signals = signals;
        this.reads = reads;
    }

    @Override
    public void waiting(Instant until, String reason) {
        LOG.info("Run {} waits until {}: {}", runId, until, reason);
        try {
            runs.waiting(runId, until, reason.length() <= MAX_REASON_LENGTH ? reason
                    : reason.substring(0, MAX_REASON_LENGTH - 1) + "…");
        } catch (RuntimeException e) {
            LOG.warn("Run {} could not record that it waits: {}", runId, e.toString());
        }
    }

    @Override
    public void over() {
        try {
            runs.waitingOver(runId);
        } catch (RuntimeException e) {
            LOG.warn("Run {} could not record that it waits no more: {}", runId, e.toString());
        }
    }

    @Override
    public boolean stopRequested() {
        return signals.stopping() || reads.cancelRequested(runId);
    }
}
