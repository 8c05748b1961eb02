package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The columns the plugin guide promises plugins' views and stats (docs/writing-a-plugin.md, "What views and stats
 * may read") exist in the schema the migrations build, with the types it says: the promise and the schema cannot
 * drift apart.
 */
class PluginSqlContractTest {

    private static final Path GUIDE = Path.of("..", "docs", "writing-a-plugin.md");

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    /** One promised column: a row of the guide's table names one or more columns, with as many types. */
    record Promised(String table, String column, String type) {
    }

    @Test
    void everyStableColumnOfTheGuideExistsWithItsType() throws IOException {
        List<Promised> promised = promisedColumns();
        assertThat(promised).as("stable columns the guide lists").hasSizeGreaterThanOrEqualTo(12);

        for (Promised column : promised) {
            Optional<String> type = database.jdbi().withHandle(handle -> handle.createQuery("""
                            SELECT format_type(a.atttypid, a.atttypmod)
                            FROM pg_attribute a
                            WHERE a.attrelid = to_regclass(:table) AND a.attname = :column AND NOT a.attisdropped""")
                    .bind("table", column.table())
                    .bind("column", column.column())
                    .mapTo(String.class)
                    .findOne());
            assertThat(type).as(column.table() + "." + column.column()).contains(column.type());
        }
    }

    @Test
    void theStreamSelectionFunctionExistsWithItsSignature() {
        String signature = database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT 'inflow_imports_stream(jsonb,text)'::regprocedure::text").mapTo(String.class).one());
        assertThat(signature).isEqualTo("inflow_imports_stream(jsonb,text)");
        Boolean all = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT inflow_imports_stream(NULL, 'clients') AND inflow_imports_stream('[{\"name\":\"clients\"}]', "
                        + "'clients') AND NOT inflow_imports_stream('[{\"name\":\"sales\"}]', 'clients')")
                .mapTo(Boolean.class).one());
        assertThat(all).isTrue();
    }

    /** The rows of the guide's table marked stable, split into one entry per column. */
    private static List<Promised> promisedColumns() throws IOException {
        List<Promised> promised = new ArrayList<>();
        for (String line : Files.readAllLines(GUIDE)) {
            String[] cells = line.split("\\|");
            if (cells.length < 5 || !cells[4].trim().startsWith("stable") || cells[1].trim().equals("function")) {
                continue;
            }
            String table = cells[1].replace("`", "").trim();
            String[] columns = cells[2].replace("`", "").split(",");
            String[] types = cells[3].split(",");
            assertThat(types).as("types of " + line).hasSameSizeAs(columns);
            for (int i = 0; i < columns.length; i++) {
                promised.add(new Promised(table, columns[i].trim(), types[i].trim()
                        .replace("timestamptz", "timestamp with time zone")));
            }
        }
        return promised;
    }
}
