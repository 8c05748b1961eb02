package io.inflow.sandbox.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path such as {@code /v0/{baseId}/{table}}: literal segments and one-segment captures. */
public record PathPattern(String pattern, List<String> segments) {

    public static PathPattern of(String pattern) {
        String trimmed = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        return new PathPattern(pattern, List.of(trimmed.split("/", -1)));
    }

    /** The decoded captures when the raw segments match, empty otherwise. */
    public Optional<Map<String, String>> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> captures = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = QueryParams.decode(rawSegments.get(i), false);
            if (isCapture(expected)) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                captures.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(captures);
    }

    private static boolean isCapture(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
