package io.inflow.sandbox.mindbody;

import io.inflow.sandbox.http.QueryParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query parameters as Mindbody's ASP.NET model binding reads them: a name may carry the
 * {@code request.} prefix or not, in any letter case; an array parameter repeats its name (and may carry
 * {@code []} or {@code [0]}); a name the endpoint does not know is ignored; a value that does not convert to the
 * parameter's type is a 400 {@code InvalidParameter}.
 */
final class MindbodyQuery {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 200;

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    MindbodyQuery(QueryParams params) {
        for (QueryParams.Param param : params.params()) {
            values.computeIfAbsent(normalize(param.name()), name -> new ArrayList<>()).add(param.value());
        }
    }

    private static String normalize(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("request.")) {
            lower = lower.substring("request.".length());
        }
        int bracket = lower.indexOf('[');
        return bracket > 0 && lower.endsWith("]") ? lower.substring(0, bracket) : lower;
    }

    /** The first value, when given and not blank. */
    Optional<String> text(String name) {
        List<String> given = values.get(name.toLowerCase(Locale.ROOT));
        if (given == null || given.isEmpty() || given.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(given.get(0).trim());
    }

    /** {@code request.limit}: 100 when absent; 1 to 200. The maximum of 200 is what every client uses, not documented. */
    int limit() {
        int limit = integer("limit").orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw MindbodyError.invalidParameter("Limit must be between 1 and " + MAX_LIMIT + ", was " + limit + ".");
        }
        return limit;
    }

    int offset() {
        int offset = integer("offset").orElse(0);
        if (offset < 0) {
            throw MindbodyError.invalidParameter("Offset must not be negative, was " + offset + ".");
        }
        return offset;
    }

    Optional<Integer> integer(String name) {
        return text(name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw notValid(value, name);
            }
        });
    }

    Optional<Boolean> bool(String name) {
        return text(name).map(value -> {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw notValid(value, name);
        });
    }

    /** Every value of an array parameter, as whole numbers. */
    List<Long> longs(String name) {
        List<Long> numbers = new ArrayList<>();
        for (String value : values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    numbers.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw notValid(value, name);
                }
            }
        }
        return numbers;
    }

    /** Every value of an array parameter, as text. */
    List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        for (String value : values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of())) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.trim());
                }
            }
        }
        return texts;
    }

    /**
     * A date-time on the site's wall clock, as class and sale times are: {@code 2025-03-04},
     * {@code 2025-03-04T18:30} or {@code 2025-03-04T18:30:00}; one with an offset is moved to the site's zone.
     */
    Optional<LocalDateTime> siteDateTime(String name, ZoneId siteZone) {
        return text(name).map(value -> {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(siteZone).toLocalDateTime();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay();
                    } catch (DateTimeParseException notDate) {
                        throw notValid(value, name);
                    }
                }
            }
        });
    }

    /** An instant, as {@code request.lastModifiedDate}: one without an offset is read as UTC (unverified). */
    Optional<Instant> instant(String name) {
        return text(name).map(value -> {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw notValid(value, name);
                    }
                }
            }
        });
    }

    private static MindbodyError notValid(String value, String name) {
        return MindbodyError.invalidParameter("The value '" + value + "' is not valid for "
                + Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".");
    }
}
