package io.inflow.plugins.toast;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads RFC 5988 {@code Link} headers such as {@code <https://...&page=2>; rel="next", <...>; rel="prev"}. */
final class Links {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,<]*)*)");
    private static final Pattern REL = Pattern.compile("rel\\s*=\\s*\"?([^\";,]+)\"?");

    private Links() {}

    /** The URL of the first link with this relation, among every value of the header. */
    static Optional<String> find(List<String> headerValues, String relation) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    for (String each : rel.group(1).trim().split("\\s+")) {
                        if (each.equalsIgnoreCase(relation)) {
                            return Optional.of(link.group(1));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code page} query parameter of a URL, when it has a whole number for one. */
    static OptionalInt page(String url) {
        String query;
        try {
            query = URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return OptionalInt.empty();
        }
        if (query == null) {
            return OptionalInt.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals("page")) {
                try {
                    return OptionalInt.of(Integer.parseInt(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }
}
