package io.inflow.api.config;

/**
 * The JSON type of a configuration value.
 *
 * @since 0.1
 */
public enum FieldType {
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    /** A JSON array of strings. */
    STRING_LIST,
    /** A JSON object. */
    OBJECT
}
