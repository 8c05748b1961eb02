package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An error answer in Google's shape: {@code {"error":{"code","message","errors":[{message,domain,reason}],
 * "status"}}}. The 401, 404 and quota bodies are captured from the wild; the others' wording is a best guess
 * (see the sandbox README).
 */
final class GmailError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;
    private final boolean violation;

    private GmailError(Response response, String summary) {
        this(response, summary, false);
    }

    private GmailError(Response response, String summary, boolean violation) {
        super(summary, null, false, false);
        this.response = response;
        this.violation = violation;
    }

    /** Whether the request broke the per-user quota: a real violation, never an injected fault. */
    boolean violation() {
        return violation;
    }

    Response toResponse() {
        return response;
    }

    int status() {
        return response.status();
    }

    static GmailError google(int code, String status, String message, String domain, String reason,
                             Map<String, Object> extra) {
        Map<String, Object> detail = Json.fields("message", detailMessage(message, reason), "domain", domain, "reason", reason);
        detail.putAll(extra);
        Map<String, Object> error = Json.fields("code", code, "message", message, "errors", List.of(detail), "status", status);
        return new GmailError(Response.json(code, Json.fields("error", error)), reason);
    }

    private static String detailMessage(String message, String reason) {
        return switch (reason) {
            case "authError" -> "Invalid Credentials";
            case "required" -> "Login Required.";
            case "insufficientPermissions" -> "Insufficient Permission";
            default -> message;
        };
    }

    static GmailError loginRequired() {
        return withChallenge(google(401, "UNAUTHENTICATED", "Request is missing required authentication credential. "
                + "Expected OAuth 2 access token, login cookie or other valid authentication credential. "
                + "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                "global", "required", Json.fields("location", "Authorization", "locationType", "header")), false);
    }

    static GmailError invalidCredentials() {
        return withChallenge(google(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. "
                + "Expected OAuth 2 access token, login cookie or other valid authentication credential. "
                + "See https://developers.google.com/identity/sign-in/web/devconsole-project.",
                "global", "authError", Json.fields("location", "Authorization", "locationType", "header")), true);
    }

    private static GmailError withChallenge(GmailError error, boolean invalidToken) {
        String challenge = "Bearer realm=\"https://accounts.google.com/\"" + (invalidToken ? ", error=\"invalid_token\"" : "");
        Response plain = error.response;
        return new GmailError(new Response(plain.status(), plain.body(), plain.contentType(),
                Map.of("WWW-Authenticate", challenge)), error.getMessage());
    }

    static GmailError delegationDenied(String userId) {
        return google(403, "PERMISSION_DENIED", "Delegation denied for " + userId, "global", "forbidden", Map.of());
    }

    /** The sandbox's tokens carry the gmail.readonly scope only. */
    static GmailError insufficientScopes() {
        return google(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", "global",
                "insufficientPermissions", Map.of());
    }

    /** A request over the per-user quota: 429 {@code rateLimitExceeded}, or 403 {@code userRateLimitExceeded}. */
    static GmailError rateLimited(int status) {
        GmailError error = status == 403
                ? google(403, "PERMISSION_DENIED", "User Rate Limit Exceeded", "usageLimits", "userRateLimitExceeded", Map.of())
                : google(429, "RESOURCE_EXHAUSTED", "Rate Limit Exceeded", "usageLimits", "rateLimitExceeded", Map.of());
        return new GmailError(error.response, error.getMessage(), true);
    }

    static GmailError notFound() {
        return google(404, "NOT_FOUND", "Requested entity was not found.", "global", "notFound", Map.of());
    }

    static GmailError invalidArgument(String message) {
        return google(400, "INVALID_ARGUMENT", message, "global", "invalidArgument", Map.of());
    }

    static GmailError badRequest(String message) {
        return google(400, "INVALID_ARGUMENT", message, "global", "badRequest", Map.of());
    }

    static GmailError invalidValue(String field, String type, String value) {
        return google(400, "INVALID_ARGUMENT", "Invalid value at '" + field + "' (" + type + "), \"" + value + "\"",
                "global", "invalid", Map.of());
    }

    static GmailError unknownParameter(String name) {
        return badRequest("Invalid JSON payload received. Unknown name \"" + name
                + "\": Cannot bind query parameter. Field '" + name + "' could not be found in request message.");
    }

    static GmailError backendError() {
        return google(500, "INTERNAL", "Backend Error", "global", "backendError", Map.of());
    }

    /** What Google's front end answers for a path it does not route: an HTML page, not JSON. */
    static GmailError pageNotFound(String path) {
        String page = "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n"
                + "  <p><b>404.</b> <ins>That\u2019s an error.</ins>\n  <p>The requested URL <code>" + escape(path)
                + "</code> was not found on this server.  <ins>That\u2019s all we know.</ins>\n";
        return new GmailError(new Response(404, page.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8",
                Map.of()), "page not found");
    }

    /** An error of the OAuth token endpoint: {@code {"error":"invalid_grant","error_description":"..."}}. */
    static GmailError oauth(int status, String error, String description) {
        return new GmailError(Response.json(status, Json.fields("error", error, "error_description", description)), error);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
