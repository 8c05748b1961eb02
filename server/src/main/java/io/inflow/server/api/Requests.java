package io.inflow.server.api;

import io.inflow.server.errors.InflowException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;

/** Parsing of path and query parameters, with errors that say what was wrong. */
final class Requests {

    private Requests() {
    }

    /** An id from a path: an unknown or malformed one is 404, like any path that names nothing. */
    /** Who asked, for the record of runs and scheduler switches: the API key's name. */
    static String caller(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? "api" : principal.getName();
    }

    static long id(String raw, String what) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw InflowException.notFound(what, raw);
    }

    /** An optional numeric query parameter: malformed is 400. */
    static Long optionalLong(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw InflowException.invalid("invalid_parameter", name + " must be a number, was '" + raw + "'",
                    Map.of("parameter", name));
        }
    }

    /**
     * Where an event stream resumes: the {@code Last-Event-ID} header, else the {@code lastEventId} query parameter
     * (for clients that cannot send headers); null when neither is given. Malformed is 400.
     */
    static Long lastEventId(String header, String query) {
        String raw = header != null && !header.isBlank() ? header : query;
        String name = header != null && !header.isBlank() ? "Last-Event-ID" : "lastEventId";
        Long id = optionalLong(raw, name);
        if (id != null && id < 0) {
            throw InflowException.invalid("invalid_parameter", name + " must not be negative, was '" + raw + "'",
                    Map.of("parameter", name));
        }
        return id;
    }

    static int limit(String raw, int defaultLimit, int maxLimit) {
        Long limit = optionalLong(raw, "limit");
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw InflowException.invalid("invalid_parameter", "limit must be between 1 and " + maxLimit,
                    Map.of("parameter", "limit"));
        }
        return limit.intValue();
    }

    /** A boolean query parameter: absent is false; anything but true or false is 400. */
    static boolean flag(String raw, String name) {
        return flag(raw, name, false);
    }

    /** A {@code true}/{@code false} query parameter that is {@code absent} when not given: anything else is 400. */
    static boolean flag(String raw, String name, boolean absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        if (raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw InflowException.invalid("invalid_parameter", name + " must be true or false, was '" + raw + "'",
                Map.of("parameter", name));
    }

    /** An optional instant such as {@code 2025-01-31T00:00:00Z}: malformed is 400. */
    static java.time.Instant optionalInstant(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(raw.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw InflowException.invalid("invalid_parameter", name + " must be an ISO-8601 instant such as "
                    + "2025-01-31T00:00:00Z, was '" + raw + "'", Map.of("parameter", name));
        }
    }

    /** An optional lowercase enum value: unknown is 400 listing the allowed values. */
    static <E extends Enum<E>> E optionalEnum(String raw, Class<E> type, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(raw.trim())) {
                return value;
            }
        }
        throw InflowException.invalid("invalid_parameter", name + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants())
                .map(value -> value.name().toLowerCase(java.util.Locale.ROOT)).toList() + ", was '" + raw + "'",
                Map.of("parameter", name));
    }

    static InflowException bodyRequired() {
        return InflowException.invalid("body_required", "this request needs a JSON body", Map.of());
    }
}
