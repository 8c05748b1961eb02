package io.inflow.server.jobs;

import io.inflow.server.store.SchedulerStateDao;
import io.inflow.server.store.SchedulerStateRow;

/**
 * The cluster-wide switch of scheduled imports, kept in the database so every node and every restart sees it.
 * While it is off no schedule fire and no start-up import starts a run; manual triggers and resumes still do,
 * and running imports finish.
 */
public final class SchedulerControl {

    private final SchedulerStateDao state;

    SchedulerControl(SchedulerStateDao state) {
        this.state = state;
    }

    public SchedulerStateRow state() {
        return state.get();
    }

    public SchedulerStateRow stop(String by) {
        return state.set(false, by);
    }

    public SchedulerStateRow start(String by) {
        return state.set(true, by);
    }
}
