package io.inflow.server.jobs;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunQuery;
import io.inflow.server.store.RunReads;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStreamRow;
import io.inflow.server.store.RunWithStreams;
import java.util.List;

/**
 * What the job engine did and is doing: runs, the active ones, and each run's streams. What the API shows of runs
 * comes with their streams, read together in one statement ({@link RunReads}).
 */
public final class RunHistory {

    private final ImportRunDao runs;
    private final RunReads reads;

    RunHistory(ImportRunDao runs, RunReads reads) {
        this.runs = runs;
        this.reads = reads;
    }

    /** @throws InflowException NOT_FOUND */
    public RunRow get(long runId) {
        return runs.find(runId).orElseThrow(() -> notFound(runId));
    }

    /** A run with its streams, in one query. @throws InflowException NOT_FOUND */
    public RunWithStreams withStreams(long runId) {
        return reads.find(runId).orElseThrow(() -> notFound(runId));
    }

    /** The runs the query selects, newest first, with their streams. */
    public List<RunWithStreams> list(RunQuery query) {
        return reads.list(query);
    }

    /** The runs queued, running, waiting or cancelling, oldest first, with their streams. */
    public List<RunWithStreams> active() {
        return reads.active();
    }

    /** The last run of each connection that ended, whatever its outcome, with its streams. */
    public List<RunWithStreams> lastEndedPerConnection() {
        return reads.lastEndedPerConnection();
    }

    /** A run's streams, in their order. */
    public List<RunStreamRow> streams(long runId) {
        return runs.streams(runId);
    }

    private static InflowException notFound(long runId) {
        return InflowException.notFound("import run", runId);
    }
}
