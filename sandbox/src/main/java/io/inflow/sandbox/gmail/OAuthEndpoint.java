package io.inflow.sandbox.gmail;

import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.QueryParams;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Google's token endpoint ({@code POST https://oauth2.googleapis.com/token}), for the refresh-token grant only:
 * a form with {@code grant_type=refresh_token}, {@code refresh_token}, {@code client_id} and
 * {@code client_secret} gets a new access token. The sandbox's one OAuth client is
 * {@value #CLIENT_ID} / {@value #CLIENT_SECRET}; its refresh token is the sandbox's token.
 */
final class OAuthEndpoint {

    static final String CLIENT_ID = "inflow-sandbox.apps.googleusercontent.com";
    static final String CLIENT_SECRET = "sandbox-client-secret";
    static final String SCOPE = "https://www.googleapis.com/auth/gmail.readonly";

    private final String refreshToken;
    private final AccessTokens tokens;

    OAuthEndpoint(String refreshToken, AccessTokens tokens) {
        this.refreshToken = refreshToken;
        this.tokens = tokens;
    }

    Response token(Request request) {
        String contentType = request.header("Content-Type").orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw GmailError.oauth(400, "invalid_request",
                    "The sandbox expects the token request as application/x-www-form-urlencoded");
        }
        QueryParams form = QueryParams.parse(new String(request.body(), StandardCharsets.UTF_8));
        String grantType = form.first("grant_type").orElse("");
        if (!grantType.equals("refresh_token")) {
            throw GmailError.oauth(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
        String clientId = form.first("client_id").orElse("");
        if (clientId.isEmpty()) {
            throw GmailError.oauth(400, "invalid_request", "Could not determine client ID from request.");
        }
        if (!clientId.equals(CLIENT_ID)) {
            throw GmailError.oauth(401, "invalid_client", "The OAuth client was not found.");
        }
        if (!form.first("client_secret").orElse("").equals(CLIENT_SECRET)) {
            throw GmailError.oauth(401, "invalid_client", "Unauthorized");
        }
        String presented = form.first("refresh_token").orElse("");
        if (presented.isEmpty()) {
            throw GmailError.oauth(400, "invalid_request", "Missing required parameter: refresh_token");
        }
        if (!presented.equals(refreshToken)) {
            throw GmailError.oauth(400, "invalid_grant", "Bad Request");
        }
        Map<String, Object> body = Json.fields("access_token", tokens.issue(), "expires_in", tokens.expiresInSeconds(),
                "scope", SCOPE, "token_type", "Bearer");
        return new Response(200, Json.bytes(body), Response.JSON, Map.of("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"));
    }
}
