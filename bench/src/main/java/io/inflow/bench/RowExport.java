package io.inflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/** Writes the rows Inflow stored for a connection to a file in COPY's text format, once, so every load reads the same rows. */
final class RowExport {

    static final String COLUMNS =
            "connection_id, stream, external_id, payload, content_hash, source_updated_at, inserted_by_run, updated_by_run";

    private final Connection connection;

    RowExport(Connection connection) {
        this.connection = connection;
    }

    long export(long connectionId, Path file) throws SQLException, IOException {
        String sql = "COPY (SELECT " + COLUMNS + " FROM records WHERE connection_id = " + connectionId
                + " ORDER BY source_updated_at, external_id) TO STDOUT";
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
    }
}
