package io.inflow.server.connections;

/** One thing wrong with one field of a request. */
public record FieldError(String field, String message) {
}
