package io.inflow.server.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code quota_usage} table: upstream calls per connection and quota window. */
public interface QuotaDao {

    /**
     * Counts one call in the window unless the quota is spent and overage is not allowed: one atomic upsert, so
     * nodes sharing the database never together exceed the quota.
     *
     * @return the calls in the window counting this one, or empty when the call may not be made
     */
    @SqlQuery("INSERT INTO quota_usage AS q (connection_id, window_start, calls) VALUES (:connectionId, :windowStart, 1) "
            + "ON CONFLICT (connection_id, window_start) DO UPDATE SET calls = q.calls + 1 "
            + "WHERE :allowOverage OR q.calls < :quota RETURNING calls")
    Optional<Long> consume(@Bind("connectionId") long connectionId, @Bind("windowStart") Instant windowStart,
                           @Bind("quota") long quota, @Bind("allowOverage") boolean allowOverage);

    @SqlQuery("SELECT COALESCE((SELECT calls FROM quota_usage WHERE connection_id = :connectionId "
            + "AND window_start = :windowStart), 0)")
    long used(@Bind("connectionId") long connectionId, @Bind("windowStart") Instant windowStart);

    /** Adds calls made before the connection was stored (its check) to its window. */
    @SqlUpdate("INSERT INTO quota_usage AS q (connection_id, window_start, calls) VALUES (:connectionId, :windowStart, "
            + ":calls) ON CONFLICT (connection_id, window_start) DO UPDATE SET calls = q.calls + :calls")
    void add(@Bind("connectionId") long connectionId, @Bind("windowStart") Instant windowStart,
             @Bind("calls") long calls);
}
