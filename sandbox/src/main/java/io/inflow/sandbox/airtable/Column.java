package io.inflow.sandbox.airtable;

/**
 * One field's cells for every record of a table, kept in primitive arrays so that a million records
 * stay small. Values are {@code String}, {@code Long}, {@code Boolean.TRUE}, {@code Instant}, or null
 * for an empty cell (Airtable omits empty cells).
 */
public interface Column {

    FieldSchema field();

    Object value(int record);

    /** Ascending order of two records' cells, empty cells first, as Airtable sorts this field type. */
    int compare(int a, int b);
}
