package io.inflow.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The {@code import_runs} and {@code import_run_streams} tables. The API's reads of runs with their streams are
 * {@link RunReads}'.
 */
@RegisterConstructorMapper(RunRow.class)
@RegisterConstructorMapper(RunStreamRow.class)
public interface ImportRunDao {

    String RUN_COLUMNS = "id, connection_id, trigger, mode, status, notes, requested_by, node, error, created_at, "
            + "started_at, finished_at, heartbeat_at, resumed_from, scheduled_for, resume_at, waiting_until, waiting_reason";
    String STREAM_COLUMNS = "run_id, stream, position, status, inserted, updated, unchanged, failed, deleted, batches, "
            + "estimated_total, started_at, finished_at, mode";
    String ACTIVE = "('queued', 'running', 'waiting', 'cancelling')";

    /**
     * Records a queued run and its streams. Fails with a unique violation of
     * {@code import_runs_one_active_per_connection} when the connection already has an active run, and of
     * {@code import_runs_one_per_fire} when the same cron fire was handled already.
     *
     * @return the run's id, or empty when the connection does not exist or was deleted
     */
    @Transaction
    default Optional<Long> insertQueued(NewRun run) {
        if (lockLiveConnection(run.connectionId()).isEmpty()) {
            return Optional.empty();
        }
        long runId = insertRun(run);
        insertStreams(runId, run.streams(), IntStream.range(0, run.streams().size()).boxed().toList(),
                run.streamModes());
        return Optional.of(runId);
    }

    /**
     * Holds a connection that is not deleted until the transaction ends; a deletion waiting for it then finds the
     * new run active, and a run asked for while a deletion commits finds the connection gone.
     */
    @SqlQuery("SELECT id FROM connections WHERE id = :id AND deleted_at IS NULL FOR KEY SHARE")
    Optional<Long> lockLiveConnection(@Bind("id") long connectionId);

    @SqlUpdate("INSERT INTO import_runs (connection_id, trigger, mode, status, notes, requested_by, resumed_from, "
            + "scheduled_for) VALUES (:connectionId, :trigger, :mode, 'queued', :notes, :requestedBy, :resumedFrom, "
            + ":scheduledFor)")
    @GetGeneratedKeys("id")
    long insertRun(@BindMethods NewRun run);

    @SqlBatch("INSERT INTO import_run_streams (run_id, stream, position, status, mode) "
            + "VALUES (:runId, :stream, :position, 'pending', :mode)")
    void insertStreams(@Bind("runId") long runId, @Bind("stream") List<String> streams,
                       @Bind("position") List<Integer> positions, @Bind("mode") List<RunMode> modes);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE id = :id")
    Optional<RunRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE connection_id = :connectionId AND status IN " + ACTIVE)
    Optional<RunRow> findActive(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE connection_id = :connectionId ORDER BY id DESC LIMIT 1")
    Optional<RunRow> latest(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT " + STREAM_COLUMNS + " FROM import_run_streams WHERE run_id = :runId ORDER BY position")
    List<RunStreamRow> streams(@Bind("runId") long runId);

    /** Claims a queued or waiting run for this node; false when it is neither any more. */
    @SqlUpdate("UPDATE import_runs SET status = 'running', node = :node, "
            + "started_at = COALESCE(started_at, now()), heartbeat_at = now(), resume_at = NULL, "
            + "waiting_until = NULL, waiting_reason = NULL, "
            + "error = CASE WHEN status = 'waiting' THEN NULL ELSE error END "
            + "WHERE id = :id AND status IN ('queued', 'waiting')")
    boolean start(@Bind("id") long id, @Bind("node") String node);

    @SqlUpdate("UPDATE import_runs SET status = :status, error = :error, finished_at = now(), "
            + "waiting_until = NULL, waiting_reason = NULL WHERE id = :id AND status IN " + ACTIVE)
    boolean finish(@Bind("id") long id, @Bind("status") RunStatus status, @Bind("error") String error);

    /** Asks a run to stop: a queued or waiting one is cancelled at once, a running one at its next page. */
    @SqlQuery("UPDATE import_runs SET status = CASE WHEN status = 'running' THEN 'cancelling' ELSE 'cancelled' END, "
            + "finished_at = CASE WHEN status = 'running' THEN finished_at ELSE now() END, resume_at = NULL "
            + "WHERE id = :id AND status IN ('queued', 'running', 'waiting') RETURNING status")
    Optional<RunStatus> requestCancel(@Bind("id") long id);

    /** Parks a running run until its connection's quota window opens. */
    @SqlUpdate("UPDATE import_runs SET status = 'waiting', resume_at = :resumeAt, error = :reason, "
            + "waiting_until = NULL, waiting_reason = NULL WHERE id = :id AND status = 'running'")
    boolean park(@Bind("id") long id, @Bind("resumeAt") Instant resumeAt, @Bind("reason") String reason);

    /** A running run's calls wait on the upstream until {@code until}, for {@code reason}. */
    @SqlUpdate("UPDATE import_runs SET waiting_until = :until, waiting_reason = :reason "
            + "WHERE id = :id AND status IN ('running', 'cancelling')")
    void waiting(@Bind("id") long id, @Bind("until") Instant until, @Bind("reason") String reason);

    /** Its calls go on. */
    @SqlUpdate("UPDATE import_runs SET waiting_until = NULL, waiting_reason = NULL "
            + "WHERE id = :id AND waiting_until IS NOT NULL")
    void waitingOver(@Bind("id") long id);

    @SqlUpdate("UPDATE import_run_streams SET status = 'running', started_at = COALESCE(started_at, now()) "
            + "WHERE run_id = :runId AND stream = :stream")
    void startStream(@Bind("runId") long runId, @Bind("stream") String stream);

    @SqlUpdate("UPDATE import_run_streams SET status = :status, finished_at = now() WHERE run_id = :runId AND stream = :stream")
    void finishStream(@Bind("runId") long runId, @Bind("stream") String stream, @Bind("status") StreamStatus status);

    @SqlUpdate("UPDATE import_run_streams SET estimated_total = :total WHERE run_id = :runId AND stream = :stream")
    void estimateTotal(@Bind("runId") long runId, @Bind("stream") String stream, @Bind("total") long total);

    /**
     * Marks a run whose node died or stopped as interrupted; answers the status it had, or empty when it was no
     * longer active. A run that was being cancelled counts as cancelled.
     */
    @SqlQuery("UPDATE import_runs r SET status = CASE WHEN r.status = 'cancelling' THEN 'cancelled' ELSE 'interrupted' END, "
            + "finished_at = now(), error = COALESCE(r.error, :reason), waiting_until = NULL, waiting_reason = NULL "
            + "FROM (SELECT id, status FROM import_runs WHERE id = :id FOR UPDATE) before "
            + "WHERE r.id = before.id AND before.status IN ('running', 'cancelling') RETURNING before.status")
    Optional<RunStatus> interrupt(@Bind("id") long id, @Bind("reason") String reason);

    /** The active runs a node left behind. */
    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs WHERE node = :node AND status IN ('running', 'cancelling')")
    List<RunRow> runningOn(@Bind("node") String node);

    /** Queued runs older than {@code before} that have no db-scheduler execution: their trigger died half-way. */
    @SqlQuery("SELECT " + RUN_COLUMNS + " FROM import_runs r WHERE status = 'queued' AND created_at < :before "
            + "AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t WHERE t.task_name = :taskName "
            + "AND t.task_instance = 'run-' || r.id)")
    List<RunRow> queuedWithoutExecution(@Bind("before") Instant before, @Bind("taskName") String taskName);
}
