package io.inflow.server.jobs;

/** The data of db-scheduler's {@code import-run} executions: only the run's id; the run itself is in the database. */
public record RunTaskData(long runId) {

    static String instanceId(long runId) {
        return "run-" + runId;
    }
}
