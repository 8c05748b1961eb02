package io.inflow.sandbox.airtable.formula;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * What a formula can read of a table's records, each named by its index. Field readers return
 * {@code String}, {@code Long}, {@code Boolean}, {@code java.time.Instant} or null for an empty cell.
 */
public interface FormulaTable {

    /** A reader of the field with this exact name, or empty when the table has no such field. */
    Optional<IntFunction<Object>> fieldReader(String fieldName);

    String recordId(int record);

    long createdTime(int record);

    long lastModifiedTime(int record);
}
