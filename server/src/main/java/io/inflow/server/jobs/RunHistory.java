package io.inflow.server.jobs;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import io.inflow.server.store.RunQuery;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStreamRow;
import java.util.Collection;
import java.util.List;

/** What the job engine did and is doing: runs, the active ones, and each run's streams. */
public final class RunHistory {

    private final ImportRunDao runs;

    RunHistory(ImportRunDao runs) {
        this.runs = runs;
    }

    /** @throws InflowException NOT_FOUND */
    public RunRow get(long runId) {
        return runs.find(runId).orElseThrow(() -> InflowException.notFound("import run", runId));
    }

    /** The runs the query selects, newest first. */
    public List<RunRow> list(RunQuery query) {
        return runs.list(query);
    }

    /** The runs queued, running, waiting or cancelling, oldest first. */
    public List<RunRow> active() {
        return runs.active();
    }

    /** The last run of each connection that ended, whatever its outcome. */
    public List<RunRow> lastEndedPerConnection() {
        return runs.lastEndedPerConnection();
    }

    /** A run's streams, in their order. */
    public List<RunStreamRow> streams(long runId) {
        return runs.streams(runId);
    }

    /** The streams of several runs, by run and in their order: one query for a page of runs. */
    public List<RunStreamRow> streamsOf(Collection<Long> runIds) {
        return runs.streamsOf(runIds);
    }
}
