package io.inflow.server.jobs;

/** Which run a read belongs to, and the node that runs it. */
record RunTarget(long connectionId, long runId, String node) {
}
