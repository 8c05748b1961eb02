package io.inflow.server.store;

import io.inflow.api.stats.StatQuery;
import java.sql.Timestamp;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a plugin's stat queries for one connection, in a read-only transaction with a statement timeout, so a
 * plugin's SQL can neither change data nor hold the database for long.
 */
public final class StatRunner {

    private final Jdbi jdbi;
    private final String timeout;

    public StatRunner(Jdbi jdbi, java.time.Duration timeout) {
        this.jdbi = jdbi;
        this.timeout = timeout.toMillis() + "ms";
    }

    /** The rows of the query, each a map of its columns in order, with dates as ISO-8601 text. */
    public List<Map<String, Object>> run(StatQuery query, long connectionId) {
        return jdbi.inTransaction(handle -> {
            handle.execute("SET TRANSACTION READ ONLY");
            handle.execute("SET LOCAL statement_timeout = '" + timeout + "'");
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : handle.createQuery(query.sql()).bind("connection", connectionId)
                    .mapToMap().list()) {
                Map<String, Object> plain = new LinkedHashMap<>();
                row.forEach((column, value) -> plain.put(column, plain(value)));
                rows.add(plain);
            }
            return rows;
        });
    }

    private static Object plain(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Temporal temporal) {
            return temporal.toString();
        }
        if (value instanceof org.postgresql.util.PGobject object) {
            return object.getValue();
        }
        if (value instanceof java.sql.Array) {
            return value.toString();
        }
        return value;
    }
}
