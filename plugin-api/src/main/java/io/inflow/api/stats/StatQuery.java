package io.inflow.api.stats;

import java.util.Objects;

/**
 * A figure a plugin computes over its connection's records with SQL, shown by
 * {@code GET /api/v1/connections/{id}/stats}.
 *
 * <p>The SQL is one read-only {@code SELECT} over the {@code records} table (or the plugin's own views of it),
 * restricted to the connection with the named parameter {@code :connection}. Each row becomes a JSON object of
 * its columns. A query that returns one row can be checked against a connection's expected figures, as
 * {@code <name>.<column>}. Records deleted upstream stay in {@code records} with {@code deleted_at} set (since 0.2):
 * a figure of what exists upstream leaves them out with {@code deleted_at IS NULL} (the plugin's views already do).
 *
 * <pre>{@code
 * new StatQuery("engagement", "Bookings, leads and engaged conversations",
 *     "SELECT count(*) FILTER (WHERE payload->'fields' ? 'Booking') AS bookings "
 *   + "FROM records WHERE connection_id = :connection AND deleted_at IS NULL")
 * }</pre>
 *
 * <p>Build it with {@link #of(String, String)} and {@link #withDescription(String)}; see {@link io.inflow.api.record.Record} for how
 * the canonical constructor changes when a component is added.
 *
 * @param name a short identifier, lowercase with underscores
 * @param description what the figure means, for a person
 * @param sql the query
 * @since 0.1
 */
public record StatQuery(String name, String description, String sql) {

    public StatQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        description = description == null ? "" : description;
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a stat's name is lowercase letters, digits and underscores: " + name);
        }
        if (!sql.contains(":connection")) {
            throw new IllegalArgumentException("stat " + name + " must restrict its query with :connection");
        }
    }

    /** @since 1.0 */
    public static StatQuery of(String name, String sql) {
        return new StatQuery(name, "", sql);
    }

    /** @since 1.0 */
    public StatQuery withDescription(String text) {
        return new StatQuery(name, text, sql);
    }
}
