package io.inflow.sandbox.toast;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer in Toast's {@code ErrorMessage} shape: {@code status}, {@code code}, {@code message}, the fields
 * Toast reserves (always null), {@code requestId} and an empty {@code errors} list. The shape is documented; the
 * numeric codes and the messages are best guesses (Toast documents one example, code 10025 for a 400).
 */
final class ToastError extends RuntimeException {

    private final int status;
    private final int code;
    private final transient Map<String, String> headers;

    private ToastError(int status, int code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static ToastError of(int status, int code, String message) {
        return new ToastError(status, code, message, Map.of());
    }

    static ToastError badRequest(String message) {
        return of(400, 10025, message);
    }

    static ToastError invalidClientCredentials() {
        return of(401, 10001, "Authentication failed: the client credentials are not valid");
    }

    static ToastError unauthenticated() {
        return of(401, 10002, "The access token is missing, expired or not valid");
    }

    static ToastError restaurantDenied(String restaurant) {
        return of(403, 10003, "The API client does not have access to restaurant " + restaurant);
    }

    static ToastError notFound(String what) {
        return of(404, 10404, what);
    }

    static ToastError unsupportedMediaType() {
        return of(415, 10415, "The request must have the Content-Type application/json");
    }

    static ToastError rateLimited(Map<String, String> headers) {
        return new ToastError(429, 10429, "Rate limit exceeded. Retry after the time in the Retry-After header", headers);
    }

    static ToastError serverError() {
        return of(500, 10500, "An unexpected internal error occurred");
    }

    int status() {
        return status;
    }

    ToastError withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new HashMap<>(extra);
        merged.putAll(headers);
        return new ToastError(status, code, getMessage(), merged);
    }

    Response toResponse(String requestId) {
        Map<String, Object> body = Json.fields(
                "status", status, "code", code, "message", getMessage(), "messageKey", null, "fieldName", null,
                "link", null, "requestId", requestId, "developerMessage", null, "errors", List.of(), "canRetry", null);
        return new Response(status, Json.bytes(body), Response.JSON, headers);
    }
}
