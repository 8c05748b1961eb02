package io.inflow.server.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Exact counts of stored records that exist upstream, of the streams their connection imports: records marked
 * deleted, and those of a stream the connection no longer selects, are left out.
 */
@RegisterConstructorMapper(RecordCount.class)
public interface RecordCountDao {

    /** The records of the streams their connection imports. */
    String SELECTED = " FROM records r JOIN connections c ON c.id = r.connection_id "
            + "WHERE inflow_imports_stream(c.streams, r.stream) ";

    @SqlQuery("SELECT r.connection_id, r.stream, count(*) AS records" + SELECTED + "AND r.deleted_at IS NULL "
            + "GROUP BY r.connection_id, r.stream ORDER BY r.connection_id, r.stream")
    List<RecordCount> all();

    @SqlQuery("SELECT r.connection_id, r.stream, count(*) AS records" + SELECTED
            + "AND r.connection_id = :connectionId AND r.deleted_at IS NULL GROUP BY r.connection_id, r.stream "
            + "ORDER BY r.stream")
    List<RecordCount> of(@Bind("connectionId") long connectionId);

    /** Records kept marked deleted (their upstream deleted them), per stream. */
    @SqlQuery("SELECT r.connection_id, r.stream, count(*) AS records" + SELECTED
            + "AND r.connection_id = :connectionId AND r.deleted_at IS NOT NULL GROUP BY r.connection_id, r.stream "
            + "ORDER BY r.stream")
    List<RecordCount> deletedOf(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT count(*) FROM records WHERE connection_id = :connectionId AND stream = :stream "
            + "AND deleted_at IS NULL")
    long count(@Bind("connectionId") long connectionId, @Bind("stream") String stream);
}
