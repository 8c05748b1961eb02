package io.inflow.server.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code notifications} table: subscriptions. Lists travel as JSON arrays ({@code events}, {@code emails},
 * {@code connections}), null meaning every event or connection.
 */
@RegisterConstructorMapper(NotificationRow.class)
public interface NotificationDao {

    String COLUMNS = "id, url, array_to_json(emails)::text AS emails, array_to_json(events)::text AS events, "
            + "array_to_json(connections)::text AS connections, secret, created_at, updated_at";

    /** The id the next subscription takes: its secret is sealed for it before the row is written. */
    @SqlQuery("SELECT nextval(pg_get_serial_sequence('notifications', 'id'))")
    long nextId();

    @SqlUpdate("INSERT INTO notifications (id, url, emails, events, connections, secret) VALUES (:id, :url, "
            + "CASE WHEN CAST(:emails AS text) IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text("
            + "CAST(:emails AS jsonb))) END, "
            + "CASE WHEN CAST(:events AS text) IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text("
            + "CAST(:events AS jsonb))) END, "
            + "CASE WHEN CAST(:connections AS text) IS NULL THEN NULL ELSE ARRAY(SELECT "
            + "jsonb_array_elements_text(CAST(:connections AS jsonb))::bigint) END, :secret)")
    void insert(@Bind("id") long id, @Bind("url") String url, @Bind("emails") String emails,
                @Bind("events") String events, @Bind("connections") String connections,
                @Bind("secret") String secret);

    /** Changes a subscription's target, events and connections; its secret stays. False for an unknown id. */
    @SqlUpdate("UPDATE notifications SET url = :url, "
            + "emails = CASE WHEN CAST(:emails AS text) IS NULL THEN NULL ELSE ARRAY(SELECT "
            + "jsonb_array_elements_text(CAST(:emails AS jsonb))) END, "
            + "events = CASE WHEN CAST(:events AS text) IS NULL THEN NULL ELSE ARRAY(SELECT "
            + "jsonb_array_elements_text(CAST(:events AS jsonb))) END, "
            + "connections = CASE WHEN CAST(:connections AS text) IS NULL THEN NULL ELSE ARRAY(SELECT "
            + "jsonb_array_elements_text(CAST(:connections AS jsonb))::bigint) END, "
            + "secret = COALESCE(CAST(:secret AS text), secret), updated_at = now() WHERE id = :id")
    boolean update(@Bind("id") long id, @Bind("url") String url, @Bind("emails") String emails,
                   @Bind("events") String events, @Bind("connections") String connections,
                   @Bind("secret") String secret);

    @SqlQuery("SELECT " + COLUMNS + " FROM notifications WHERE id = :id")
    Optional<NotificationRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM notifications ORDER BY id")
    List<NotificationRow> list();

    /** Removes a subscription and its deliveries; false for an unknown id. */
    @SqlUpdate("DELETE FROM notifications WHERE id = :id")
    boolean delete(@Bind("id") long id);

    /** A webhook's sealed secret, as the secrets' rotation reads it. */
    record SealedSecret(long id, String secret) {
    }

    /** Every webhook's sealed secret, its row locked until the transaction ends. */
    @SqlQuery("SELECT id, secret FROM notifications WHERE secret IS NOT NULL ORDER BY id FOR UPDATE")
    @RegisterConstructorMapper(SealedSecret.class)
    List<SealedSecret> lockSecrets();

    @SqlUpdate("UPDATE notifications SET secret = :secret WHERE id = :id")
    void storeSecret(@Bind("id") long id, @Bind("secret") String secret);

    /** The ids among {@code ids} (a JSON array) of connections that exist and are not deleted. */
    @SqlQuery("SELECT id FROM connections WHERE deleted_at IS NULL AND id IN (SELECT jsonb_array_elements_text("
            + "CAST(:ids AS jsonb))::bigint)")
    List<Long> liveConnections(@Bind("ids") String ids);
}
