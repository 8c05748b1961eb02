package io.inflow.server.store;

import java.time.Instant;

/** The cluster-wide switch of scheduled imports. */
public record SchedulerStateRow(boolean running, Instant changedAt, String changedBy) {
}
