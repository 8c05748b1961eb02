package io.inflow.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The outbox, {@code notification_deliveries}: triggers write it (migration {@code 0020-create-notifications});
 * nodes claim what is due, as runs are claimed, with {@code FOR UPDATE SKIP LOCKED} and a lease, so that no two
 * nodes send one notification at once, and a dead node's claim runs out for another node to take it over. An
 * outcome is recorded only by the claim it belongs to.
 */
@RegisterConstructorMapper(DeliveryRow.class)
public interface DeliveryDao {

    String COLUMNS = "id, notification_id, message_id, type, at, connection_id, run_id, data::text AS data, status, "
            + "attempts, next_attempt_at, retry_from, last_attempt_at, last_answer_code, last_error, delivered_at, "
            + "created_at, lease_token";
    String MINE = " WHERE id = :id AND lease_token = :token";
    String RELEASE = "lease_owner = NULL, lease_token = NULL, lease_until = NULL";

    /**
     * Claims up to {@code limit} pending deliveries that are due and that no live claim holds, for
     * {@code leaseMillis}: each one's attempt is counted now, so that an attempt cut short by a node's death counts.
     */
    @SqlQuery("UPDATE notification_deliveries d SET lease_owner = :node, lease_token = gen_random_uuid(), "
            + "lease_until = now() + :leaseMillis * interval '1 millisecond', attempts = d.attempts + 1, "
            + "last_attempt_at = now() "
            + "FROM (SELECT id FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= now() "
            + "AND (lease_until IS NULL OR lease_until < now()) ORDER BY next_attempt_at, id LIMIT :limit "
            + "FOR UPDATE SKIP LOCKED) due WHERE d.id = due.id RETURNING d.id, d.notification_id, d.message_id, "
            + "d.type, d.at, d.connection_id, d.run_id, d.data::text AS data, d.status, d.attempts, "
            + "d.next_attempt_at, d.retry_from, d.last_attempt_at, d.last_answer_code, d.last_error, "
            + "d.delivered_at, d.created_at, d.lease_token")
    List<DeliveryRow> claim(@Bind("node") String node, @Bind("leaseMillis") long leaseMillis,
                            @Bind("limit") int limit);

    /** The target took it. False when the claim was lost (it ran out and another node took it, or it was deleted). */
    @SqlUpdate("UPDATE notification_deliveries SET status = 'delivered', delivered_at = now(), "
            + "last_answer_code = :code, last_error = NULL, " + RELEASE + MINE)
    boolean delivered(@Bind("id") long id, @Bind("token") UUID token, @Bind("code") Integer code);

    /** This attempt failed; the next one is due in {@code delayMillis}. */
    @SqlUpdate("UPDATE notification_deliveries SET next_attempt_at = now() + :delayMillis * interval '1 millisecond', "
            + "last_answer_code = :code, last_error = :error, " + RELEASE + MINE)
    boolean retryLater(@Bind("id") long id, @Bind("token") UUID token, @Bind("code") Integer code,
                       @Bind("error") String error, @Bind("delayMillis") long delayMillis);

    /** This attempt failed for good (a permanent answer, or the retry window is over). */
    @SqlUpdate("UPDATE notification_deliveries SET status = 'failed', last_answer_code = :code, last_error = :error, "
            + RELEASE + MINE)
    boolean failed(@Bind("id") long id, @Bind("token") UUID token, @Bind("code") Integer code,
                   @Bind("error") String error);

    /** A subscription's deliveries, newest first, older than {@code beforeId} when it is given. */
    @SqlQuery("SELECT " + COLUMNS + " FROM notification_deliveries WHERE notification_id = :notificationId "
            + "AND (CAST(:beforeId AS bigint) IS NULL OR id < :beforeId) ORDER BY id DESC LIMIT :limit")
    List<DeliveryRow> list(@Bind("notificationId") long notificationId, @Bind("beforeId") Long beforeId,
                           @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM notification_deliveries WHERE id = :id AND notification_id = :notificationId")
    Optional<DeliveryRow> find(@Bind("notificationId") long notificationId, @Bind("id") long id);

    /**
     * Sends a delivery again, whatever became of it, with the same {@code webhook-id}: due now, with a fresh retry
     * window. Empty when it is unknown or a node is sending it right now.
     */
    @SqlQuery("UPDATE notification_deliveries SET status = 'pending', next_attempt_at = now(), retry_from = now(), "
            + RELEASE + " WHERE id = :id AND notification_id = :notificationId "
            + "AND (lease_until IS NULL OR lease_until < now()) RETURNING " + COLUMNS)
    Optional<DeliveryRow> redeliver(@Bind("notificationId") long notificationId, @Bind("id") long id);

    /**
     * Writes a notification to the outbox for every subscription that wants it (see
     * {@code inflow_enqueue_notification}); answers how many were written.
     *
     * @param oncePerRun not for a subscription that has one of this type for this run already
     */
    @SqlQuery(ENQUEUE)
    int enqueue(@Bind("type") String type, @Bind("connectionId") Long connectionId, @Bind("runId") Long runId,
                @Bind("data") String data, @Bind("oncePerRun") boolean oncePerRun);

    String ENQUEUE = "SELECT inflow_enqueue_notification(:type, :connectionId, :runId, clock_timestamp(), "
            + "CAST(:data AS jsonb), NULL, :oncePerRun)";

    /** Removes the deliveries that ended before {@code before}: how many went. */
    @SqlUpdate("DELETE FROM notification_deliveries WHERE status <> 'pending' AND created_at < :before")
    int prune(@Bind("before") Instant before);
}
