package io.inflow.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code events} table. Triggers record the events of runs and of the scheduler (migration
 * {@code 0019-create-events}); plugin events are recorded here, by the node whose plugins changed.
 */
@RegisterConstructorMapper(EventRow.class)
@RegisterConstructorMapper(RunSnapshotRow.class)
public interface EventDao {

    String COLUMNS = "id, type, run_id, at, data::text AS data";

    /** The events after {@code afterId}, oldest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<EventRow> after(@Bind("afterId") long afterId, @Bind("limit") int limit);

    /** The events after {@code afterId} up to {@code upToId}, of one run or (null) of all, oldest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM events WHERE id > :afterId AND id <= :upToId "
            + "AND (CAST(:runId AS bigint) IS NULL OR run_id = :runId) ORDER BY id LIMIT :limit")
    List<EventRow> between(@Bind("afterId") long afterId, @Bind("upToId") long upToId, @Bind("runId") Long runId,
                           @Bind("limit") int limit);

    /** The id of the last event committed, 0 when there is none. */
    @SqlQuery("SELECT COALESCE(max(id), 0) FROM events")
    long lastId();

    /** The largest id pruning removed, 0 before any was. */
    @SqlQuery("SELECT through_id FROM events_pruned WHERE id = 1")
    long prunedThrough();

    /** Removes the events older than {@code before}, remembering the largest id removed: how many went. */
    @SqlQuery("WITH gone AS (DELETE FROM events WHERE at < :before RETURNING id) "
            + "UPDATE events_pruned SET through_id = GREATEST(through_id, (SELECT max(id) FROM gone)) WHERE id = 1 "
            + "RETURNING (SELECT count(*) FROM gone)")
    long prune(@Bind("before") Instant before);

    /** Records an event that no trigger records (a plugin's); answers its id. */
    @SqlQuery("SELECT inflow_emit_event(:type, NULL, CAST(:data AS jsonb))")
    long emit(@Bind("type") String type, @Bind("data") String data);

    /** A run now, with the id of the last event committed, in one snapshot; empty for an unknown run. */
    @SqlQuery("SELECT (SELECT COALESCE(max(id), 0) FROM events) AS position, inflow_run_snapshot(r)::text AS data "
            + "FROM import_runs r WHERE r.id = :runId")
    Optional<RunSnapshotRow> runSnapshot(@Bind("runId") long runId);
}
