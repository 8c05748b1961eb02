package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.QueryParams;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A call's query parameters, checked as Google's front end checks them: unknown names, repeated single
 * values and values of the wrong type are 400s. The system parameters every Google API takes ({@code alt},
 * {@code prettyPrint}, {@code quotaUser}) are accepted; {@code fields} (partial answers) is not implemented.
 */
final class Params {

    private static final Set<String> SYSTEM = Set.of("alt", "prettyPrint", "quotaUser");

    private final QueryParams query;

    private Params(QueryParams query) {
        this.query = query;
    }

    /** Checks every name against {@code single} (at most once) and {@code repeated} (any number of times). */
    static Params check(QueryParams query, Set<String> single, Set<String> repeated) {
        for (String name : query.names()) {
            if (name.equals("fields")) {
                throw GmailError.badRequest("The sandbox does not implement partial responses ('fields')");
            }
            boolean known = single.contains(name) || repeated.contains(name) || SYSTEM.contains(name);
            if (!known) {
                throw GmailError.unknownParameter(name);
            }
            if (!repeated.contains(name) && query.all(name).size() > 1) {
                throw GmailError.badRequest("Invalid JSON payload received. Multiple values for field '" + name
                        + "', which is not repeated.");
            }
        }
        query.first("alt").filter(alt -> !alt.equals("json"))
                .ifPresent(alt -> {
                    throw GmailError.invalidValue("alt", "type.googleapis.com/google.api.Alt", alt);
                });
        query.first("prettyPrint").ifPresent(value -> bool("prettyPrint", "pretty_print", value));
        return new Params(query);
    }

    Optional<String> string(String name) {
        return query.first(name);
    }

    List<String> all(String name) {
        return query.all(name);
    }

    /** A uint32 such as {@code maxResults}: 0 means unset, as in proto3; above {@code max} is cut to it. */
    int pageSize(String name, String field, int defaultValue, int max) {
        Optional<String> value = query.first(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.get().trim());
        } catch (NumberFormatException e) {
            throw GmailError.invalidValue(field, "TYPE_UINT32", value.get());
        }
        if (parsed < 0 || parsed > 0xFFFF_FFFFL) {
            throw GmailError.invalidValue(field, "TYPE_UINT32", value.get());
        }
        return parsed == 0 ? defaultValue : (int) Math.min(parsed, max);
    }

    /** A uint64 such as {@code startHistoryId}; empty when absent. */
    Optional<Long> unsignedLong(String name, String field) {
        Optional<String> value = query.first(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            long parsed = Long.parseUnsignedLong(value.get().trim());
            return Optional.of(parsed);
        } catch (NumberFormatException e) {
            throw GmailError.invalidValue(field, "TYPE_UINT64", value.get());
        }
    }

    boolean bool(String name, String field, boolean defaultValue) {
        return query.first(name).map(value -> bool(name, field, value)).orElse(defaultValue);
    }

    private static boolean bool(String name, String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw GmailError.invalidValue(field, "TYPE_BOOL", value);
        };
    }
}
