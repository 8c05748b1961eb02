package io.inflow.sandbox.http;

import io.inflow.sandbox.faults.RequestFaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the fakes see it. {@code rawPath} is as sent (still percent-encoded), so that
 * an encoded slash inside a table name does not split a path segment. {@code faults} are those the
 * sandbox drew for it; none unless it is a request to a fake API.
 */
public record Request(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, String> headers,
        byte[] body,
        Map<String, String> pathParams,
        RequestFaults faults) {

    public Request {
        method = method.toUpperCase(Locale.ROOT);
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        pathParams = Map.copyOf(pathParams);
        faults = faults == null ? RequestFaults.none() : faults;
    }

    public static Request of(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
        return new Request(method, rawPath, rawQuery, lowerCaseKeys(headers), body, Map.of(), RequestFaults.none());
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    public String path() {
        return QueryParams.decode(rawPath, false);
    }

    public List<String> rawSegments() {
        List<String> segments = new ArrayList<>(List.of(rawPath.split("/", -1)));
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        return segments;
    }

    public QueryParams query() {
        return QueryParams.parse(rawQuery);
    }

    /** The request target as sent: raw path plus query. */
    public String target() {
        return rawQuery.isEmpty() ? rawPath : rawPath + "?" + rawQuery;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no path parameter " + name);
        }
        return value;
    }

    /** The same request seen from below a prefix, e.g. {@code /airtable/v0/x} as {@code /v0/x}. */
    public Request below(String prefix) {
        return new Request(method, rawPath.substring(prefix.length()), rawQuery, headers, body, pathParams, faults);
    }

    public Request withPathParams(Map<String, String> params) {
        return new Request(method, rawPath, rawQuery, headers, body, params, faults);
    }

    public Request withFaults(RequestFaults drawn) {
        return new Request(method, rawPath, rawQuery, headers, body, pathParams, drawn);
    }
}
