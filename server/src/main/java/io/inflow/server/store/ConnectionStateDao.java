package io.inflow.server.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code connection_state} table: what connectors keep per connection. Used only through
 * {@link ConnectionStates}, which keeps the values out of exception messages: values are secrets.
 */
public interface ConnectionStateDao {

    @SqlQuery("SELECT value FROM connection_state WHERE connection_id = :connectionId AND key = :key")
    Optional<String> find(@Bind("connectionId") long connectionId, @Bind("key") String key);

    /**
     * Inserts or replaces a value, unless the connection is deleted, or the key is new and the connection holds
     * {@code maxKeys} keys already.
     *
     * @return 1 when written, 0 when refused
     */
    @SqlUpdate("""
            INSERT INTO connection_state AS s (connection_id, key, value, updated_at)
            SELECT :connectionId, :key, :value, now()
             WHERE EXISTS (SELECT 1 FROM connections WHERE id = :connectionId AND deleted_at IS NULL)
               AND ((SELECT count(*) FROM connection_state WHERE connection_id = :connectionId) < :maxKeys
                    OR EXISTS (SELECT 1 FROM connection_state WHERE connection_id = :connectionId AND key = :key))
            ON CONFLICT (connection_id, key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
            """)
    int put(@Bind("connectionId") long connectionId, @Bind("key") String key, @Bind("value") String value,
            @Bind("maxKeys") int maxKeys);

    @SqlUpdate("DELETE FROM connection_state WHERE connection_id = :connectionId AND key = :key")
    int remove(@Bind("connectionId") long connectionId, @Bind("key") String key);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM connections WHERE id = :connectionId AND deleted_at IS NULL)")
    boolean connectionIsLive(@Bind("connectionId") long connectionId);

    /** The keys a connection's state holds, for tests and diagnostics: never the values. */
    @SqlQuery("SELECT key FROM connection_state WHERE connection_id = :connectionId ORDER BY key")
    java.util.List<String> keys(@Bind("connectionId") long connectionId);
}
