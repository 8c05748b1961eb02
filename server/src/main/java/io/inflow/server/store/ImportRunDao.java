package io.inflow.server.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** The {@code import_runs} and {@code import_run_streams} tables. */
@RegisterConstructorMapper(RunRow.class)
@RegisterConstructorMapper(RunStreamRow.class)
public interface ImportRunDao {

    String RUN_COLUMNS = "id, connection_id, trigger, mode, status, notes, requested_by, node, error, created_at, "
            + "started_at, finished_at, heartbeat_at";
    String STREAM_COLUMNS = "run_id, stream, position, status, inserted, updated, unchanged, failed, batches, "
            + "estimated_total, started_at, finished_at";

    /**
     * Adds a queued run and its streams. Fails with a unique violation of
     * {@code import_runs_one_active_per_connection} when the connection already has an active run.
     */
    @Transaction
    default long insertQueued(long connectionId, RunTrigger trigger, RunMode mode, String notes, String requestedBy,
                              List<String> streams) {
        long runId = insertRun(connectionId, trigger, mode, notes, requestedBy);
        insertStreams(runId, streams, positions(streams.size()));
        return runId;
    }

    @SqlUpdate("INSERT INTO import_runs (connection_id, trigger, mode, status, notes, requested_by) "
            + "VALUES (:connectionId, :trigger, :mode, 'queued', :notes, :requestedBy)")
    @GetGeneratedKeys("id")
    long insertRun(@Bind("connectionId") long connectionId, @Bind("trigger") RunTrigger trigger,
                   @Bind("mode") RunMode mode, @Bind("notes") String notes, @Bind("requestedBy") String requestedBy);

    @SqlBatch("INSERT INTO import_run_streams (run_id, stream, position, status) VALUES (:runId, :stream, :position, 'pending')")
    void insertStreams(@Bind("runId") long runId, @Bind("stream") List<String> streams,
                       @Bind("position") List<Integer> positions);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE id = :id")
    Optional<RunRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE connection_id = :connectionId "
            + "AND status IN ('queued', 'running', 'cancelling')")
    Optional<RunRow> findActive(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE (:connectionId IS NULL OR connection_id = :connectionId) "
            + "ORDER BY id DESC LIMIT :limit")
    List<RunRow> listNewestFirst(@Bind("connectionId") Long connectionId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + STREAM_COLUMNS + " FROM import_run_streams WHERE run_id IN (<runIds>) ORDER BY run_id, position")
    List<RunStreamRow> streamsOf(@BindList("runIds") Collection<Long> runIds);

    @SqlQuery("SELECT " + STREAM_COLUMNS + " FROM import_run_streams WHERE run_id = :runId ORDER BY position")
    List<RunStreamRow> streams(@Bind("runId") long runId);

    /** Claims a queued run for this node; false when it is no longer queued. */
    @SqlUpdate("UPDATE import_runs SET status = 'running', node = :node, started_at = now(), heartbeat_at = now() "
            + "WHERE id = :id AND status = 'queued'")
    boolean start(@Bind("id") long id, @Bind("node") String node);

    @SqlUpdate("UPDATE import_runs SET status = :status, error = :error, finished_at = now() "
            + "WHERE id = :id AND status IN ('queued', 'running', 'cancelling')")
    boolean finish(@Bind("id") long id, @Bind("status") RunStatus status, @Bind("error") String error);

    @SqlUpdate("UPDATE import_run_streams SET status = 'running', started_at = now() WHERE run_id = :runId AND stream = :stream")
    void startStream(@Bind("runId") long runId, @Bind("stream") String stream);

    @SqlUpdate("UPDATE import_run_streams SET status = :status, finished_at = now() WHERE run_id = :runId AND stream = :stream")
    void finishStream(@Bind("runId") long runId, @Bind("stream") String stream, @Bind("status") StreamStatus status);

    @SqlUpdate("UPDATE import_run_streams SET estimated_total = :total WHERE run_id = :runId AND stream = :stream")
    void estimateTotal(@Bind("runId") long runId, @Bind("stream") String stream, @Bind("total") long total);

    /** Marks as interrupted the active runs a node left behind when it stopped or died. */
    @SqlUpdate("UPDATE import_runs SET status = 'interrupted', finished_at = now(), "
            + "error = COALESCE(error, 'the node running it stopped before it finished') "
            + "WHERE node = :node AND status IN ('queued', 'running', 'cancelling')")
    int interruptRunsOf(@Bind("node") String node);

    private static List<Integer> positions(int count) {
        return java.util.stream.IntStream.range(0, count).boxed().toList();
    }
}
