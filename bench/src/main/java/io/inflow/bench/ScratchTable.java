package io.inflow.bench;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A table shaped like {@code records} (its columns, defaults, primary key and indexes; no foreign key, as
 * {@code LIKE} copies none), emptied before each load and dropped at the end.
 */
final class ScratchTable {

    static final String NAME = "bench_records";

    private final Connection connection;

    private ScratchTable(Connection connection) {
        this.connection = connection;
    }

    static ScratchTable create(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        LoadLimit.execute(connection, "DROP TABLE IF EXISTS " + NAME);
        LoadLimit.execute(connection, "CREATE TABLE " + NAME + " (LIKE records INCLUDING ALL)");
        return new ScratchTable(connection);
    }

    void truncate() throws SQLException {
        connection.setAutoCommit(true);
        LoadLimit.execute(connection, "TRUNCATE " + NAME);
        LoadLimit.execute(connection, "CHECKPOINT");
    }

    void drop() throws SQLException {
        connection.setAutoCommit(true);
        LoadLimit.execute(connection, "DROP TABLE IF EXISTS " + NAME);
    }
}
