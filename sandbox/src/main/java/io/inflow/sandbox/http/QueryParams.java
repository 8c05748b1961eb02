package io.inflow.sandbox.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The decoded parameters of a query string, in the order they were sent; a name may repeat. */
public record QueryParams(List<Param> params) {

    public record Param(String name, String value) {}

    public QueryParams {
        params = List.copyOf(params);
    }

    public static QueryParams empty() {
        return new QueryParams(List.of());
    }

    /** Decodes like application/x-www-form-urlencoded; a malformed escape is kept as sent. */
    public static QueryParams parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return empty();
        }
        List<Param> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            params.add(new Param(decode(name, true), decode(value, true)));
        }
        return new QueryParams(params);
    }

    /** Percent-decodes UTF-8; {@code plusIsSpace} is true for query strings, false for path segments. */
    public static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        params.forEach(p -> names.add(p.name()));
        return names;
    }

    public List<String> all(String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).toList();
    }

    public Optional<String> first(String name) {
        return params.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst();
    }

    /** Name to value, or to a list of values when the name repeats: the shape shown in request logs. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : names()) {
            List<String> values = all(name);
            map.put(name, values.size() == 1 ? values.get(0) : values);
        }
        return map;
    }
}
