package io.inflow.sandbox.http;

import java.util.Map;

/** A complete HTTP answer: status, body and the headers beyond Content-Type and Content-Length. */
public record Response(int status, byte[] body, String contentType, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";

    public Response {
        headers = Map.copyOf(headers);
    }

    public static Response json(int status, byte[] body) {
        return new Response(status, body, JSON, Map.of());
    }

    public static Response json(int status, Object value) {
        return json(status, Json.bytes(value));
    }
}
