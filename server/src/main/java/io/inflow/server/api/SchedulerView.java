package io.inflow.server.api;

import io.inflow.server.store.SchedulerStateRow;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/scheduler}: whether scheduled imports run, and the next fires of every enabled schedule. */
public record SchedulerView(String state, Instant changedAt, String changedBy, List<UpcomingFire> upcoming) {

    /** The next time a connection's schedule fires. */
    public record UpcomingFire(long connection, String name, String cron, String timezone, Instant at) {
    }

    static SchedulerView of(SchedulerStateRow row, List<UpcomingFire> upcoming) {
        return new SchedulerView(row.running() ? "running" : "stopped", row.changedAt(), row.changedBy(), upcoming);
    }
}
