package io.inflow.server.store;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The one row of {@code scheduler_state}. */
@RegisterConstructorMapper(SchedulerStateRow.class)
public interface SchedulerStateDao {

    @SqlQuery("SELECT running, changed_at, changed_by FROM scheduler_state WHERE id = 1")
    SchedulerStateRow get();

    @SqlQuery("UPDATE scheduler_state SET running = :running, changed_at = now(), changed_by = :by WHERE id = 1 "
            + "RETURNING running, changed_at, changed_by")
    SchedulerStateRow set(@Bind("running") boolean running, @Bind("by") String by);
}
