package io.inflow.server.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * {@code notification_checks} and {@code expected_figure_states}: a run's end writes a check of its connection's
 * expected figures (migration {@code 0020-create-notifications}); a node claims it like a delivery, and records
 * what it found, the notification it causes and the check's end in one transaction.
 */
@RegisterConstructorMapper(NotificationCheckRow.class)
public interface NotificationCheckDao {

    /** Claims up to {@code limit} checks that no live claim holds, for {@code leaseMillis}. */
    @SqlQuery("UPDATE notification_checks c SET lease_until = now() + :leaseMillis * interval '1 millisecond' "
            + "FROM (SELECT id FROM notification_checks WHERE lease_until IS NULL OR lease_until < now() "
            + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED) due WHERE c.id = due.id "
            + "RETURNING c.id, c.kind, c.connection_id, c.run_id, c.at")
    List<NotificationCheckRow> claim(@Bind("leaseMillis") long leaseMillis, @Bind("limit") int limit);

    /** Whether the connection's expected figures matched at its last check; empty before any. */
    @SqlQuery("SELECT matches FROM expected_figure_states WHERE connection_id = :connectionId")
    Optional<Boolean> lastMatch(@Bind("connectionId") long connectionId);

    /**
     * Records a check of expected figures: whether they match now, {@code expected_figures.mismatch} for every
     * subscription that wants it when they stopped matching (not matching at the last check, or never checked), and
     * the check done. {@code data} is what the notification tells (JSON).
     *
     * @return the notifications written
     */
    @Transaction
    default int recordFigures(NotificationCheckRow check, boolean matches, String data) {
        boolean matchedBefore = lastMatch(check.connectionId()).orElse(true);
        saveMatch(check.connectionId(), matches, check.runId());
        int written = matchedBefore && !matches ? enqueue("expected_figures.mismatch", check.connectionId(),
                check.runId(), data, false) : 0;
        done(check.id());
        return written;
    }

    @SqlUpdate("INSERT INTO expected_figure_states (connection_id, matches, run_id, checked_at) "
            + "VALUES (:connectionId, :matches, :runId, now()) ON CONFLICT (connection_id) DO UPDATE "
            + "SET matches = EXCLUDED.matches, run_id = EXCLUDED.run_id, checked_at = EXCLUDED.checked_at")
    void saveMatch(@Bind("connectionId") long connectionId, @Bind("matches") boolean matches,
                   @Bind("runId") long runId);

    /** Writes a notification of a connection's run to the outbox, for every subscription that wants it. */
    @SqlQuery(DeliveryDao.ENQUEUE)
    int enqueue(@Bind("type") String type, @Bind("connectionId") Long connectionId, @Bind("runId") Long runId,
                @Bind("data") String data, @Bind("oncePerRun") boolean oncePerRun);

    @SqlUpdate("DELETE FROM notification_checks WHERE id = :id")
    void done(@Bind("id") long id);

    /** The run's row and its streams' rows, as run events carry them (JSON); empty for an unknown run. */
    @SqlQuery("SELECT inflow_run_snapshot(r)::text FROM import_runs r WHERE r.id = :runId")
    Optional<String> runSnapshot(@Bind("runId") long runId);
}
