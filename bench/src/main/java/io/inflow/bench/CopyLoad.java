package io.inflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** Loads the exported rows with {@code COPY FROM STDIN}, {@code batch} rows per transaction. */
final class CopyLoad {

    private final Connection connection;
    private final ScratchTable table;

    CopyLoad(Connection connection, ScratchTable table) {
        this.connection = connection;
        this.table = table;
    }

    LoadFigure load(Path rowsFile, int batch) throws SQLException, IOException {
        table.truncate();
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        String sql = "COPY " + ScratchTable.NAME + " (" + RowExport.COLUMNS + ") FROM STDIN";
        connection.setAutoCommit(false);
        long rows = 0;
        long start = System.nanoTime();
        if (batch == Integer.MAX_VALUE) {
            try (BufferedReader in = Files.newBufferedReader(rowsFile, StandardCharsets.UTF_8)) {
                rows = copy.copyIn(sql, in);
            }
            connection.commit();
        } else {
            try (BufferedReader in = Files.newBufferedReader(rowsFile, StandardCharsets.UTF_8)) {
                StringBuilder chunk = new StringBuilder();
                int inChunk = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    chunk.append(line).append('\n');
                    if (++inChunk == batch) {
                        rows += copy.copyIn(sql, new StringReader(chunk.toString()));
                        connection.commit();
                        chunk.setLength(0);
                        inChunk = 0;
                    }
                }
                if (inChunk > 0) {
                    rows += copy.copyIn(sql, new StringReader(chunk.toString()));
                    connection.commit();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        connection.setAutoCommit(true);
        return new LoadFigure("copy", batch, rows, seconds);
    }
}
