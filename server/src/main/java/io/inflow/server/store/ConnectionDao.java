package io.inflow.server.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.CreateSqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The {@code connections} table. A deleted connection keeps its row ({@code deleted_at} set) so that what refers
 * to it stays valid; every query here sees only the connections not deleted.
 */
@RegisterConstructorMapper(ConnectionRow.class)
public interface ConnectionDao {

    String COLUMNS = "id, plugin_id, name, config::text AS config, created_at, updated_at, schedule_cron, "
            + "schedule_timezone, schedule_enabled, import_on_startup, cooldown_seconds, deletes, streams::text AS streams";

    @SqlUpdate("INSERT INTO connections (plugin_id, name, config) VALUES (:pluginId, :name, CAST(:config AS jsonb))")
    @GetGeneratedKeys("id")
    long insert(@Bind("pluginId") String pluginId, @Bind("name") String name, @Bind("config") String configJson);

    /** An id for a new connection, taken before its insert: its secrets are sealed for it. */
    @SqlQuery("SELECT nextval(pg_get_serial_sequence('connections', 'id'))")
    long nextId();

    /** Inserts a connection under an id from {@link #nextId()}. */
    @SqlUpdate("INSERT INTO connections (id, plugin_id, name, config, deletes, streams) OVERRIDING SYSTEM VALUE "
            + "VALUES (:id, :pluginId, :name, CAST(:config AS jsonb), :deletes, CAST(:streams AS jsonb))")
    void insert(@Bind("id") long id, @Bind("pluginId") String pluginId, @Bind("name") String name,
                @Bind("config") String configJson, @Bind("deletes") Deletes deletes, @Bind("streams") String streams);

    /** Every connection not deleted, locked against changes until the transaction ends: for re-sealing secrets. */
    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE deleted_at IS NULL ORDER BY id FOR UPDATE")
    List<ConnectionRow> lockAll();

    /** Replaces a connection's stored configuration only (its secrets sealed again), not when it was changed. */
    @SqlUpdate("UPDATE connections SET config = CAST(:config AS jsonb) WHERE id = :id AND deleted_at IS NULL")
    boolean storeConfig(@Bind("id") long id, @Bind("config") String configJson);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE id = :id AND deleted_at IS NULL")
    Optional<ConnectionRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE name = :name AND deleted_at IS NULL")
    Optional<ConnectionRow> findByName(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE deleted_at IS NULL ORDER BY id")
    List<ConnectionRow> list();

    @SqlUpdate("UPDATE connections SET schedule_cron = :cron, schedule_timezone = :timezone, schedule_enabled = :enabled, "
            + "import_on_startup = :importOnStartup, cooldown_seconds = :cooldownSeconds, updated_at = now() "
            + "WHERE id = :id AND deleted_at IS NULL")
    boolean updateJobSettings(@Bind("id") long id, @Bind("cron") String cron, @Bind("timezone") String timezone,
                              @Bind("enabled") boolean enabled, @Bind("importOnStartup") boolean importOnStartup,
                              @Bind("cooldownSeconds") long cooldownSeconds);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM records WHERE connection_id = :id)")
    boolean hasRecords(@Bind("id") long id);

    /**
     * Replaces a connection's name, configuration, deletes and streams; false when it does not exist or was
     * deleted.
     */
    @SqlUpdate("UPDATE connections SET name = :name, config = CAST(:config AS jsonb), deletes = :deletes, "
            + "streams = CAST(:streams AS jsonb), updated_at = now() WHERE id = :id AND deleted_at IS NULL")
    boolean update(@Bind("id") long id, @Bind("name") String name, @Bind("config") String configJson,
                   @Bind("deletes") Deletes deletes, @Bind("streams") String streams);

    /**
     * Locks a connection not deleted against concurrent changes and new runs (a run's insert takes a key-share
     * lock on its connection), for the rest of the transaction; false when there is none.
     */
    @SqlQuery("SELECT id FROM connections WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
    Optional<Long> lockLive(@Bind("id") long id);

    /**
     * Deletes a connection softly: it leaves every query of this DAO, its schedule is switched off and its
     * configuration, secrets included, is dropped; its row stays for the records and runs that refer to it.
     */
    @SqlUpdate("UPDATE connections SET deleted_at = now(), updated_at = now(), config = '{}'::jsonb, "
            + "schedule_enabled = false, import_on_startup = false WHERE id = :id AND deleted_at IS NULL")
    boolean softDelete(@Bind("id") long id);

    /** The runs, in this DAO's handle: its transactions see them. */
    @CreateSqlObject
    ImportRunDao runs();

    /**
     * Deletes a connection (see {@link #softDelete}), in one transaction that holds its row locked so that no run
     * can be queued for it meanwhile, unless it has an active run; its state is dropped, and with {@code purge} its
     * records, checkpoints, dead letters and quota counts too.
     */
    @Transaction
    default ConnectionDeletion delete(long id, boolean purge) {
        if (lockLive(id).isEmpty()) {
            return ConnectionDeletion.NOT_FOUND;
        }
        Optional<RunRow> active = runs().findActive(id);
        if (active.isPresent()) {
            return ConnectionDeletion.refusedFor(active.get());
        }
        if (purge) {
            purgeRecords(id);
            purgeCheckpoints(id);
            purgeDeadLetters(id);
            purgeQuotaUsage(id);
        }
        deleteState(id);
        forgetSeen(id);
        softDelete(id);
        return ConnectionDeletion.DELETED;
    }

    @SqlUpdate("DELETE FROM records WHERE connection_id = :id")
    int purgeRecords(@Bind("id") long id);

    @SqlUpdate("DELETE FROM checkpoints WHERE connection_id = :id")
    int purgeCheckpoints(@Bind("id") long id);

    @SqlUpdate("DELETE FROM dead_letters WHERE connection_id = :id")
    int purgeDeadLetters(@Bind("id") long id);

    /** Drops what connectors kept for the connection: its values are secrets, like its configuration. */
    @SqlUpdate("DELETE FROM connection_state WHERE connection_id = :id")
    int deleteState(@Bind("id") long id);

    /** A deleted connection's scans will not complete: the ids they noted as seen have no use. */
    @SqlUpdate("DELETE FROM scan_seen WHERE connection_id = :id")
    int forgetSeen(@Bind("id") long id);

    @SqlUpdate("DELETE FROM quota_usage WHERE connection_id = :id")
    int purgeQuotaUsage(@Bind("id") long id);
}
