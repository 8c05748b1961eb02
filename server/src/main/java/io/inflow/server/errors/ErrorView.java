package io.inflow.server.errors;

import java.util.Map;

/**
 * Every error the API answers: a stable machine-readable {@code code}, a message for a person, and details
 * (the bad fields, the active run's id, ...).
 */
public record ErrorView(String code, String message, Map<String, Object> details) {
}
