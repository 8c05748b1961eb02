package io.inflow.sandbox.toast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /authentication/v1/authentication/login}: a machine client's id and secret for an access token.
 * Logins count against the global limit of the caller's IP address (they name no restaurant). The body must be
 * JSON with {@code clientId}, {@code clientSecret} and {@code userAccessType} = {@code TOAST_MACHINE_CLIENT};
 * wrong credentials are a 401.
 */
final class LoginHandler {

    private final String clientSecret;
    private final TokenStore tokens;
    private final ToastLimits limits;
    private final Clock clock;

    LoginHandler(String clientSecret, TokenStore tokens, ToastLimits limits, Clock clock) {
        this.clientSecret = clientSecret;
        this.tokens = tokens;
        this.limits = limits;
        this.clock = clock;
    }

    Response login(Request request) {
        ToastLimits.Verdict verdict = limits.admit("anonymous", null, false);
        if (!verdict.admitted()) {
            throw ToastError.rateLimited(verdict.headers());
        }
        try {
            if (!request.header("Content-Type").orElse("").toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw ToastError.unsupportedMediaType();
            }
            JsonNode body = body(request);
            String clientId = required(body, "clientId");
            String secret = required(body, "clientSecret");
            String accessType = required(body, "userAccessType");
            if (!Restaurant.USER_ACCESS_TYPE.equals(accessType)) {
                throw ToastError.badRequest("userAccessType must be " + Restaurant.USER_ACCESS_TYPE);
            }
            if (!Restaurant.CLIENT_ID.equals(clientId) || !clientSecret.equals(secret)) {
                throw ToastError.invalidClientCredentials();
            }
            TokenStore.Issued token = tokens.login(clientId);
            long expiresIn = Math.max(0, (token.expiresAt() - clock.millis()) / 1000);
            Map<String, Object> answer = Json.fields(
                    "token", Json.fields("tokenType", "Bearer", "scope", Restaurant.SCOPES, "expiresIn", expiresIn,
                            "accessToken", token.accessToken(), "idToken", null, "refreshToken", null),
                    "status", "SUCCESS");
            return new Response(200, Json.bytes(answer), Response.JSON, verdict.headers());
        } catch (ToastError e) {
            throw e.withHeaders(verdict.headers());
        }
    }

    private static JsonNode body(Request request) {
        try {
            JsonNode body = Json.read(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (JsonProcessingException e) {
            // refused below
        }
        throw ToastError.badRequest("The request body must be a JSON AuthenticationRequest object");
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ToastError.badRequest(field + " is required");
        }
        return value.asText();
    }
}
