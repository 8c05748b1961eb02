package io.inflow.server.jobs;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

/** The names and data types of Inflow's db-scheduler tasks: what may appear in {@code scheduled_tasks}. */
final class Tasks {

    /** One execution per import run; its data is the run id. */
    static final TaskDescriptor<RunTaskData> IMPORT_RUN = TaskDescriptor.of("import-run", RunTaskData.class);

    /** One recurring execution per scheduled connection; its data is the connection id and cron expression. */
    static final TaskDescriptor<ScheduledConnection> CONNECTION_SCHEDULE =
            TaskDescriptor.of("connection-schedule", ScheduledConnection.class);

    /** Looks for runs whose trigger died between recording them and scheduling them. */
    static final String RECONCILE = "reconcile-runs";

    private Tasks() {
    }
}
