package io.inflow.server.store;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The {@code connection_state} table: what connectors keep per connection. Used only through
 * {@link ConnectionStates}, which keeps the values out of exception messages: values are secrets.
 */
public interface ConnectionStateDao {

    /** A stored value: sealed, or plain text as a version before 0018 stored it. */
    record StoredValue(String value, boolean sealed) {
    }

    /** One stored value with its row's identity, as a start-up sealing or a rotation reads it. */
    record StateRow(long connectionId, String key, String value) {
    }

    @SqlQuery("SELECT value, sealed FROM connection_state WHERE connection_id = :connectionId AND key = :key")
    @RegisterConstructorMapper(StoredValue.class)
    Optional<StoredValue> find(@Bind("connectionId") long connectionId, @Bind("key") String key);

    /** Values stored in plain text, locked until the transaction ends. */
    @SqlQuery("SELECT connection_id, key, value FROM connection_state WHERE NOT sealed ORDER BY connection_id, key "
            + "FOR UPDATE")
    @RegisterConstructorMapper(StateRow.class)
    java.util.List<StateRow> lockPlain();

    /** Every sealed value, locked until the transaction ends, for a rotation. */
    @SqlQuery("SELECT connection_id, key, value FROM connection_state WHERE sealed ORDER BY connection_id, key "
            + "FOR UPDATE")
    @RegisterConstructorMapper(StateRow.class)
    java.util.List<StateRow> lockSealed();

    @SqlUpdate("UPDATE connection_state SET value = :value, sealed = true WHERE connection_id = :connectionId "
            + "AND key = :key")
    int storeSealed(@Bind("connectionId") long connectionId, @Bind("key") String key, @Bind("value") String value);

    /**
     * Inserts or replaces a value, sealed already, unless the connection is deleted, or the key is new and the connection holds
     * {@code maxKeys} keys already.
     *
     * @return 1 when written, 0 when refused
     */
    @SqlUpdate("""
            INSERT INTO connection_state AS s (connection_id, key, value, sealed, updated_at)
            SELECT :connectionId, :key, :value, true, now()
             WHERE EXISTS (SELECT 1 FROM connections WHERE id = :connectionId AND deleted_at IS NULL)
               AND ((SELECT count(*) FROM connection_state WHERE connection_id = :connectionId) < :maxKeys
                    OR EXISTS (SELECT 1 FROM connection_state WHERE connection_id = :connectionId AND key = :key))
            ON CONFLICT (connection_id, key) DO UPDATE SET value = EXCLUDED.value, sealed = true, updated_at = now()
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
