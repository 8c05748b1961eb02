package io.inflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical limit Inflow's import throughput is compared with: the same rows Inflow stored for one connection,
 * loaded again into a table shaped like {@code records} in the same PostgreSQL, with {@code COPY} and with a plain
 * JDBC batch loop of {@code INSERT … ON CONFLICT DO UPDATE}, with no framework in between.
 *
 * <p>Usage: {@code LoadLimit <jdbc url> <user> <connection id> <work dir> <figures.json>}. Prints one line per
 * variant and writes the figures as JSON; the scratch table is dropped at the end.
 */
public final class LoadLimit {

    /** Inflow commits one page of Airtable records per transaction. */
    static final int PAGE = 100;
    private static final int[] LARGER_BATCHES = {1_000, 10_000};

    private LoadLimit() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadLimit <jdbc url> <user> <connection id> <work dir> <figures.json>");
            System.exit(2);
        }
        long connectionId = Long.parseLong(args[2]);
        Path rowsFile = Path.of(args[3]).resolve("records-" + connectionId + ".copy");
        List<LoadFigure> figures = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(args[0], args[1], "")) {
            long rows = new RowExport(connection).export(connectionId, rowsFile);
            System.out.printf("exported %,d rows of connection %d to %s (%,d bytes)%n",
                    rows, connectionId, rowsFile, Files.size(rowsFile));
            ScratchTable table = ScratchTable.create(connection);
            try {
                CopyLoad copy = new CopyLoad(connection, table);
                figures.add(report(copy.load(rowsFile, Integer.MAX_VALUE)));
                figures.add(report(copy.load(rowsFile, PAGE)));
                List<Row> parsed = CopyText.readRows(rowsFile);
                UpsertLoad upsert = new UpsertLoad(connection, table);
                figures.add(report(upsert.load(parsed, PAGE)));
                for (int batch : LARGER_BATCHES) {
                    figures.add(report(upsert.load(parsed, batch)));
                }
            } finally {
                table.drop();
            }
        }
        write(figures, Path.of(args[4]));
    }

    private static LoadFigure report(LoadFigure figure) {
        System.out.printf("%-8s %6s rows per transaction: %,9d rows in %7.2f s = %,10.0f rows/s%n", figure.method(),
                figure.batch() == Integer.MAX_VALUE ? "all" : String.valueOf(figure.batch()),
                figure.rows(), figure.seconds(), figure.rowsPerSecond());
        return figure;
    }

    private static void write(List<LoadFigure> figures, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        LoadFigure bestCopy = best(figures, "copy");
        LoadFigure bestUpsert = best(figures, "upsert");
        out.put("rows", bestCopy.rows());
        out.put("copy_limit_records_per_second", round(bestCopy.rowsPerSecond()));
        out.put("copy_limit_batch", bestCopy.batch() == Integer.MAX_VALUE ? 0 : bestCopy.batch());
        out.put("copy_per_page_records_per_second", round(find(figures, "copy", PAGE).rowsPerSecond()));
        out.put("insert_limit_records_per_second", round(bestUpsert.rowsPerSecond()));
        out.put("insert_limit_batch", bestUpsert.batch());
        out.put("insert_per_page_records_per_second", round(find(figures, "upsert", PAGE).rowsPerSecond()));
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);
    }

    private static LoadFigure best(List<LoadFigure> figures, String method) {
        return figures.stream().filter(f -> f.method().equals(method))
                .max((a, b) -> Double.compare(a.rowsPerSecond(), b.rowsPerSecond())).orElseThrow();
    }

    private static LoadFigure find(List<LoadFigure> figures, String method, int batch) {
        return figures.stream().filter(f -> f.method().equals(method) && f.batch() == batch).findFirst().orElseThrow();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
