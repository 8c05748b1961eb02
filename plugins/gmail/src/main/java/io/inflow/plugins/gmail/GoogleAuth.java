package io.inflow.plugins.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.api.ConnectorException;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The access token of one read: exchanged for the connection's refresh token at Google's token endpoint, used
 * until shortly before it expires, then exchanged again. A call that Gmail answers with 401 invalidates it
 * (the token may have been revoked early), so the next call exchanges again.
 *
 * <p>One instance serves one read or check on one thread: not thread-safe. The token lives only in memory.
 */
final class GoogleAuth {

    /** Refresh this long before the token expires, at most: calls take time, clocks drift. */
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final UpstreamClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String refreshToken;
    private final Clock clock;
    private String accessToken;
    private Instant refreshAt;
    private int exchanges;

    GoogleAuth(UpstreamClient http, String tokenUrl, String clientId, String clientSecret, String refreshToken,
               Clock clock) {
        this.http = http;
        this.tokenUrl = URI.create(tokenUrl);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshToken = refreshToken;
        this.clock = clock;
    }

    /** A token valid for a while yet, exchanging the refresh token for a new one when needed. */
    String accessToken() throws IOException, InterruptedException {
        if (accessToken == null || !clock.instant().isBefore(refreshAt)) {
            exchange();
        }
        return accessToken;
    }

    /** Forgets the token after Gmail refused it, so the next call gets a new one. */
    void invalidate() {
        accessToken = null;
    }

    /** Token exchanges made so far. */
    int exchanges() {
        return exchanges;
    }

    private void exchange() throws IOException, InterruptedException {
        String form = "grant_type=refresh_token"
                + "&refresh_token=" + encode(refreshToken)
                + "&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Token token = http.fetch(request, GoogleAuth::read);
        exchanges++;
        Instant now = clock.instant();
        Duration lifetime = Duration.ofSeconds(token.expiresIn());
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_MARGIN;
        accessToken = token.accessToken();
        refreshAt = now.plus(lifetime).minus(margin);
    }

    private record Token(String accessToken, long expiresIn) {}

    private static Token read(HttpResponse<String> response) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            JsonNode body = Json.parse(response.body(), "Google's token endpoint");
            JsonNode token = body.path("access_token");
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new IOException("Google's token endpoint answered 200 without an access_token");
            }
            long expiresIn = body.path("expires_in").canConvertToLong() ? body.path("expires_in").asLong() : 3599;
            return new Token(token.asText(), Math.max(1, expiresIn));
        }
        JsonNode body = Json.parseQuietly(response.body());
        String error = body.path("error").isTextual() ? body.path("error").asText() : null;
        String description = body.path("error_description").isTextual() ? body.path("error_description").asText() : null;
        String detail = " (HTTP " + status + (error == null ? "" : " " + error)
                + (description == null ? "" : ": " + description) + ")";
        if ("invalid_grant".equals(error)) {
            throw new ConnectorException("Google refused the refresh token" + detail + ". It was revoked, has expired "
                    + "(refresh tokens of an OAuth app in 'Testing' status last 7 days), or was issued to another OAuth "
                    + "client: authorize Inflow again and update the connection's refreshToken");
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error) || status == 401) {
            throw new ConnectorException("Google refused the OAuth client" + detail
                    + ": check the connection's clientId and clientSecret against the OAuth client in the Google Cloud console");
        }
        if (status == 404) {
            throw new ConnectorException("No token endpoint at the connection's tokenUrl" + detail
                    + ": check tokenUrl (normally https://oauth2.googleapis.com/token)");
        }
        throw new ConnectorException("Google's token endpoint refused the refresh-token exchange" + detail
                + ": check the connection's tokenUrl, clientId, clientSecret and refreshToken");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
