package io.inflow.server.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code connections} table. */
@RegisterConstructorMapper(ConnectionRow.class)
public interface ConnectionDao {

    String COLUMNS = "id, plugin_id, name, config::text AS config, created_at, updated_at, schedule_cron, "
            + "schedule_timezone, schedule_enabled, import_on_startup, cooldown_seconds";

    @SqlUpdate("INSERT INTO connections (plugin_id, name, config) VALUES (:pluginId, :name, CAST(:config AS jsonb))")
    @GetGeneratedKeys("id")
    long insert(@Bind("pluginId") String pluginId, @Bind("name") String name, @Bind("config") String configJson);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE id = :id")
    Optional<ConnectionRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections WHERE name = :name")
    Optional<ConnectionRow> findByName(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM connections ORDER BY id")
    List<ConnectionRow> list();

    @SqlUpdate("UPDATE connections SET schedule_cron = :cron, schedule_timezone = :timezone, schedule_enabled = :enabled, "
            + "import_on_startup = :importOnStartup, cooldown_seconds = :cooldownSeconds, updated_at = now() WHERE id = :id")
    boolean updateJobSettings(@Bind("id") long id, @Bind("cron") String cron, @Bind("timezone") String timezone,
                              @Bind("enabled") boolean enabled, @Bind("importOnStartup") boolean importOnStartup,
                              @Bind("cooldownSeconds") long cooldownSeconds);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM records WHERE connection_id = :id)")
    boolean hasRecords(@Bind("id") long id);
}
