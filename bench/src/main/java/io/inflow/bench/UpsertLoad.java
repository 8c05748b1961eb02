package io.inflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Loads the rows with a plain JDBC batch loop of {@code INSERT … ON CONFLICT DO UPDATE}, the statement shape of
 * Inflow's upsert (skip unchanged content), {@code batch} rows per transaction.
 */
final class UpsertLoad {

    private static final String UPSERT = "INSERT INTO " + ScratchTable.NAME + " AS r (" + RowExport.COLUMNS + ")"
            + " VALUES (?, ?, ?, ?::jsonb, ?::uuid, ?::timestamptz, ?, ?)"
            + " ON CONFLICT (connection_id, stream, external_id) DO UPDATE"
            + " SET payload = EXCLUDED.payload, content_hash = EXCLUDED.content_hash,"
            + " source_updated_at = EXCLUDED.source_updated_at, updated_by_run = EXCLUDED.updated_by_run,"
            + " updated_at = now()"
            + " WHERE r.content_hash <> EXCLUDED.content_hash";

    private final Connection connection;
    private final ScratchTable table;

    UpsertLoad(Connection connection, ScratchTable table) {
        this.connection = connection;
        this.table = table;
    }

    LoadFigure load(List<Row> rows, int batch) throws SQLException {
        table.truncate();
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            int inBatch = 0;
            for (Row row : rows) {
                statement.setLong(1, row.connectionId());
                statement.setString(2, row.stream());
                statement.setString(3, row.externalId());
                statement.setString(4, row.payload());
                statement.setString(5, row.contentHash());
                if (row.sourceUpdatedAt() == null) {
                    statement.setNull(6, Types.VARCHAR);
                } else {
                    statement.setString(6, row.sourceUpdatedAt());
                }
                statement.setLong(7, row.insertedByRun());
                statement.setLong(8, row.updatedByRun());
                statement.addBatch();
                if (++inBatch == batch) {
                    statement.executeBatch();
                    connection.commit();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                statement.executeBatch();
                connection.commit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        connection.setAutoCommit(true);
        return new LoadFigure("upsert", batch, rows.size(), seconds);
    }
}
