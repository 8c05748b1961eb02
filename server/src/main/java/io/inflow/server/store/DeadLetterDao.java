package io.inflow.server.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code dead_letters} table. Letters are written by {@link RecordSink} with their batch. */
@RegisterConstructorMapper(DeadLetterRow.class)
public interface DeadLetterDao {

    String COLUMNS = "id, connection_id, run_id, stream, external_id, payload, reason, created_at, replay_attempts, "
            + "replayed_at, last_replay_error";

    @SqlQuery("SELECT " + COLUMNS + " FROM dead_letters "
            + "WHERE (CAST(:connectionId AS bigint) IS NULL OR connection_id = :connectionId) "
            + "AND (CAST(:runId AS bigint) IS NULL OR run_id = :runId) "
            + "AND (:includeReplayed OR replayed_at IS NULL) "
            + "AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId) ORDER BY id DESC LIMIT :limit")
    List<DeadLetterRow> list(@Bind("connectionId") Long connectionId, @Bind("runId") Long runId,
                             @Bind("includeReplayed") boolean includeReplayed, @Bind("beforeId") Long beforeId,
                             @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM dead_letters WHERE id = :id")
    Optional<DeadLetterRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM dead_letters WHERE run_id = :runId AND replayed_at IS NULL ORDER BY id")
    List<DeadLetterRow> openOfRun(@Bind("runId") long runId);

    @SqlUpdate("UPDATE dead_letters SET replay_attempts = replay_attempts + 1, replayed_at = now(), "
            + "last_replay_error = NULL WHERE id = :id AND replayed_at IS NULL")
    boolean markReplayed(@Bind("id") long id);

    @SqlUpdate("UPDATE dead_letters SET replay_attempts = replay_attempts + 1, last_replay_error = :error WHERE id = :id")
    void markReplayFailed(@Bind("id") long id, @Bind("error") String error);

    @SqlQuery("SELECT count(*) FROM dead_letters WHERE connection_id = :connectionId AND replayed_at IS NULL")
    long openCount(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL")
    long openCount();

    /** Letters not yet replayed, by connection id; connections without any are absent. */
    @SqlQuery("SELECT connection_id, count(*) AS letters FROM dead_letters WHERE replayed_at IS NULL "
            + "GROUP BY connection_id")
    @KeyColumn("connection_id")
    @ValueColumn("letters")
    Map<Long, Long> openCountByConnection();
}
