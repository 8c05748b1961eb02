package io.inflow.server.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Exact counts of stored records that exist upstream: records marked deleted are left out. */
@RegisterConstructorMapper(RecordCount.class)
public interface RecordCountDao {

    @SqlQuery("SELECT connection_id, stream, count(*) AS records FROM records WHERE deleted_at IS NULL "
            + "GROUP BY connection_id, stream "
            + "ORDER BY connection_id, stream")
    List<RecordCount> all();

    @SqlQuery("SELECT connection_id, stream, count(*) AS records FROM records WHERE connection_id = :connectionId "
            + "AND deleted_at IS NULL GROUP BY connection_id, stream ORDER BY stream")
    List<RecordCount> of(@Bind("connectionId") long connectionId);

    /** Records kept marked deleted (their upstream deleted them), per stream. */
    @SqlQuery("SELECT connection_id, stream, count(*) AS records FROM records WHERE connection_id = :connectionId "
            + "AND deleted_at IS NOT NULL GROUP BY connection_id, stream ORDER BY stream")
    List<RecordCount> deletedOf(@Bind("connectionId") long connectionId);

    @SqlQuery("SELECT count(*) FROM records WHERE connection_id = :connectionId AND stream = :stream "
            + "AND deleted_at IS NULL")
    long count(@Bind("connectionId") long connectionId, @Bind("stream") String stream);
}
