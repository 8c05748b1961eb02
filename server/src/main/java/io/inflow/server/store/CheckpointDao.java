package io.inflow.server.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code checkpoints} table. Positions are written by {@link RecordSink} with their batch. */
@RegisterConstructorMapper(CheckpointRow.class)
public interface CheckpointDao {

    String COLUMNS = "connection_id, stream, position::text AS position, watermark::text AS watermark, run_id, updated_at, "
            + "scan_id";

    @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE connection_id = :connectionId AND stream = :stream")
    Optional<CheckpointRow> find(@Bind("connectionId") long connectionId, @Bind("stream") String stream);

    @SqlQuery("SELECT " + COLUMNS + " FROM checkpoints WHERE connection_id = :connectionId ORDER BY stream")
    List<CheckpointRow> list(@Bind("connectionId") long connectionId);

    /**
     * Ends a completed scan: its last checkpoint becomes the start of the next incremental scan.
     */
    @SqlUpdate("UPDATE checkpoints SET watermark = COALESCE(position, watermark), position = NULL, scan_id = NULL, "
            + "scan_seen = 0, run_id = :runId, updated_at = now() WHERE connection_id = :connectionId AND stream = :stream")
    void completeScan(@Bind("connectionId") long connectionId, @Bind("stream") String stream, @Bind("runId") long runId);

    /**
     * Sets a stream's checkpoint as an admin asks: its scan position and its incremental watermark. A scan continued
     * from a position set by hand has not seen what came before it, so it reconciles nothing.
     */
    @SqlUpdate("INSERT INTO checkpoints (connection_id, stream, position, watermark, updated_at) "
            + "VALUES (:connectionId, :stream, CAST(:position AS jsonb), CAST(:watermark AS jsonb), now()) "
            + "ON CONFLICT (connection_id, stream) DO UPDATE SET position = EXCLUDED.position, "
            + "watermark = EXCLUDED.watermark, run_id = NULL, scan_id = NULL, scan_seen = 0, updated_at = now()")
    void put(@Bind("connectionId") long connectionId, @Bind("stream") String stream,
             @Bind("position") String positionJson, @Bind("watermark") String watermarkJson);

    /** Forgets a stream's checkpoint: its next import reads everything. */
    @SqlUpdate("DELETE FROM checkpoints WHERE connection_id = :connectionId AND stream = :stream")
    int delete(@Bind("connectionId") long connectionId, @Bind("stream") String stream);

    /** Forgets every checkpoint of a connection. */
    @SqlUpdate("DELETE FROM checkpoints WHERE connection_id = :connectionId")
    int deleteAll(@Bind("connectionId") long connectionId);

    /**
     * Starts a scan from nothing: forgets the scan in progress, if any, and keeps the new scan's id when it
     * reconciles (null when it does not), so that the runs that continue it stamp what they see with it.
     */
    @SqlUpdate("INSERT INTO checkpoints (connection_id, stream, position, scan_id, updated_at) "
            + "VALUES (:connectionId, :stream, NULL, :scanId, now()) "
            + "ON CONFLICT (connection_id, stream) DO UPDATE SET position = NULL, scan_id = EXCLUDED.scan_id, "
            + "scan_seen = 0, updated_at = now()")
    void startScan(@Bind("connectionId") long connectionId, @Bind("stream") String stream,
                   @Bind("scanId") Long scanId);

    /** Forgets the ids noted by the stream's earlier scans, which ended without reconciling (see scan_seen). */
    @SqlUpdate("DELETE FROM scan_seen WHERE connection_id = :connectionId AND stream = :stream")
    void forgetSeen(@Bind("connectionId") long connectionId, @Bind("stream") String stream);
}
