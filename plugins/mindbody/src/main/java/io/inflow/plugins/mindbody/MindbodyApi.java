package io.inflow.plugins.mindbody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.api.ConnectionState;
import io.inflow.api.ConnectorContext;
import io.inflow.api.ConnectorException;
import io.inflow.api.UpstreamClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The calls Inflow makes to the Mindbody Public API v6, and the translation of its answers. Every call carries
 * the {@code Api-Key} and {@code SiteId} headers and the staff user token of a {@link StaffSession}; every call
 * goes through the host's client, which waits for the rate limit and retries 429s, 5xx, broken connections and
 * unreadable answers. An API is used by one read (or check) at a time; the token it uses is the connection's,
 * kept in its state across reads and runs.
 */
final class MindbodyApi {

    static final int MAX_PAGE_SIZE = 200;
    static final String ISSUE_TOKEN = "/public/v6/usertoken/issue";
    static final String CLASS_VISITS = "/public/v6/class/classvisits";
    /** Fresh tokens a call may have refused in a row before the read fails. */
    static final int MAX_TOKEN_REFUSALS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UpstreamClient http;
    private final String baseUrl;
    private final String apiKey;
    private final long siteId;
    private final StaffSession session;

    private MindbodyApi(UpstreamClient http, ConnectionState state, String baseUrl, String apiKey, long siteId,
                        String username, String password, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.siteId = siteId;
        this.session = new StaffSession(username, password, clock, state,
                issuedFor(this.baseUrl, apiKey, siteId, username));
    }

    /** The API as the connection configures it; staff tokens expire by the host's clock. */
    static MindbodyApi of(ConnectorContext context) {
        MindbodySettings settings = MindbodySettings.of(context.config());
        return new MindbodyApi(context.http(), context.state(), settings.baseUrl(), settings.apiKey(),
                settings.siteId(), settings.username(), settings.password(), context.clock());
    }

    /** One page of a list endpoint: its items and the size of the whole filtered set. */
    record Page(JsonNode items, int total) {}

    /**
     * Issues a new staff user token, whatever the connection holds: proves the API key, the site and the staff
     * credentials as they are now. The token is kept for the calls and reads that follow.
     */
    void signIn() throws IOException, InterruptedException {
        session.issue();
    }

    Page list(MindbodyStream stream, Map<String, String> filter, int limit, int offset)
            throws IOException, InterruptedException {
        Map<String, String> params = new LinkedHashMap<>(filter);
        params.put("request.limit", Integer.toString(limit));
        params.put("request.offset", Integer.toString(offset));
        JsonNode body = get(stream.path(), params, "the " + stream.streamName() + " list");
        JsonNode items = body.get(stream.collection());
        JsonNode total = body.path("PaginationResponse").path("TotalResults");
        if (items == null || !items.isArray() || !total.canConvertToInt()) {
            throw new IOException("Mindbody answered a page of " + stream.streamName() + " without a '"
                    + stream.collection() + "' array and a PaginationResponse");
        }
        return new Page(items, total.intValue());
    }

    /** {@code GET /class/classvisits}: one class with all its visits. */
    JsonNode classVisits(long classId) throws IOException, InterruptedException {
        JsonNode body = get(CLASS_VISITS, Map.of("request.classID", Long.toString(classId)), "the visits of class " + classId);
        JsonNode scheduled = body.get("Class");
        if (scheduled == null || !scheduled.isObject()) {
            throw new IOException("Mindbody answered the visits of class " + classId + " without a 'Class' object");
        }
        return scheduled;
    }

    /**
     * A GET with the session's token. A 401 means the token expired or was revoked: the session forgets it, issues
     * a new one and the call is made again; {@link #MAX_TOKEN_REFUSALS} refusals in a row are explained.
     */
    private JsonNode get(String path, Map<String, String> params, String what) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            String token = session.token();
            HttpRequest request = request(path, params).header("Authorization", token).GET().build();
            Answer answer = http.fetch(request, response -> read(response, what));
            if (answer.body() != null) {
                return answer.body();
            }
            session.forget(token);
            if (attempt == MAX_TOKEN_REFUSALS) {
                throw new ConnectorException("Mindbody refused " + MAX_TOKEN_REFUSALS + " staff user tokens in a row, "
                        + "the last just issued, for " + what + answer.detail()
                        + "; check that the staff user of 'username' may view clients, classes and sales of site "
                        + siteId);
            }
        }
    }

    /** A 200's body, or null with the detail of a 401. */
    private record Answer(JsonNode body, String detail) {}

    private Answer read(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() == 200) {
            return new Answer(JSON.readTree(response.body()), null);
        }
        if (response.statusCode() == 401) {
            return new Answer(null, detail(response));
        }
        throw explain(response, what);
    }

    private HttpRequest.Builder request(String path, Map<String, String> params) {
        String query = params.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(baseUrl + path + (query.isEmpty() ? "" : "?" + query)))
                .header("Api-Key", apiKey)
                .header("SiteId", Long.toString(siteId))
                .header("Accept", "application/json");
    }

    /** An answer other than 200 that will not get better by retrying, explained for the person who can fix it. */
    private ConnectorException explain(HttpResponse<String> response, String what) throws IOException {
        int status = response.statusCode();
        String detail = detail(response);
        String code = errorCode(response.body());
        if (status >= 500) {
            throw new IOException("Mindbody kept failing to answer " + what + detail);
        }
        return switch (status) {
            case 400 -> "InvalidSiteId".equals(code)
                    ? new ConnectorException("Mindbody does not know site " + siteId + detail + "; check 'siteId' (-99 is "
                            + "Mindbody's sandbox site)")
                    : new ConnectorException("Mindbody refused the request for " + what + detail
                            + "; check 'startDate', 'endDate' and 'pageSize'");
            case 401, 403 -> new ConnectorException("Mindbody denied access to " + what + detail
                    + "; check 'apiKey', that the site owner activated it for site " + siteId
                    + ", and that the staff user may see this data");
            case 404 -> new ConnectorException("Mindbody has no endpoint for " + what + detail
                    + "; check 'baseUrl' (https://api.mindbodyonline.com)");
            case 429 -> new ConnectorException("Mindbody kept refusing calls as too many" + detail
                    + "; the API key's daily quota may be spent, or 'requestsPerSecond' is too high");
            default -> new ConnectorException("Mindbody refused the request for " + what + detail);
        };
    }

    /** {@code " (HTTP 401 DeniedAccess: message)"}, from Mindbody's {@code {"Error":{"Message","Code"}}}. */
    private static String detail(HttpResponse<String> response) {
        String code = errorCode(response.body());
        String message = errorMessage(response.body());
        return " (HTTP " + response.statusCode() + (code == null ? "" : " " + code)
                + (message == null ? "" : ": " + message) + ")";
    }

    private static String errorCode(String body) {
        JsonNode code = parseQuietly(body).path("Error").path("Code");
        return code.isTextual() ? code.asText() : null;
    }

    private static String errorMessage(String body) {
        JsonNode root = parseQuietly(body);
        JsonNode message = root.path("Error").path("Message");
        if (!message.isTextual()) {
            message = root.path("Message");
        }
        return message.isTextual() ? message.asText() : null;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static ObjectMapper json() {
        return JSON;
    }

    /**
     * The staff user token of a connection. Issuing one is a billable call, and one lives 24 hours, so it is kept in
     * the connection's state (with its expiry and a hash of what it was issued for: base URL, API key, site and
     * user, never the password) and reused by every read and run until it is near its expiry (by {@code Expires},
     * on our clock) or Mindbody refuses it; then it is forgotten and a new one issued. Where the host keeps no
     * state, it lives as long as this API object, one read.
     */
    private final class StaffSession {

        /** The key of the token in the connection's state. */
        static final String STATE_KEY = "staffToken";
        /** Renew this long before expiry, or a fifth of the token's lifetime when that is shorter. */
        private static final Duration MARGIN = Duration.ofMinutes(5);
        /** When Mindbody does not say: its documented lifetime is 24 hours. */
        private static final Duration ASSUMED_LIFETIME = Duration.ofHours(23);

        private final String username;
        private final String password;
        private final Clock clock;
        private final ConnectionState state;
        private final String issuedFor;
        private String token;
        private Instant renewAt;

        StaffSession(String username, String password, Clock clock, ConnectionState state, String issuedFor) {
            this.username = username;
            this.password = password;
            this.clock = clock;
            this.state = state;
            this.issuedFor = issuedFor;
        }

        /** A token not near its expiry: the one in hand, else the connection's, else a new one. */
        String token() throws IOException, InterruptedException {
            if (token == null) {
                remembered();
            }
            if (token == null || !clock.instant().isBefore(renewAt)) {
                issue();
            }
            return token;
        }

        /** Mindbody refused {@code refused}: forget it here and in the connection's state. */
        void forget(String refused) {
            if (refused.equals(token)) {
                token = null;
            }
            // another call of the connection (a check) may have stored a newer token meanwhile: keep that one
            boolean stateHoldsIt = state.get(STATE_KEY).map(StoredToken::parse)
                    .filter(stored -> refused.equals(stored.token())).isPresent();
            if (stateHoldsIt) {
                state.remove(STATE_KEY);
            }
        }

        private void remembered() {
            state.get(STATE_KEY).map(StoredToken::parse)
                    .filter(stored -> issuedFor.equals(stored.issuedFor()))
                    .ifPresent(stored -> {
                        token = stored.token();
                        renewAt = renewal(stored.issuedAt(), stored.expires());
                    });
        }

        /** Issues a new token and keeps it, here and in the connection's state. */
        void issue() throws IOException, InterruptedException {
            ObjectNode credentials = JSON.createObjectNode().put("Username", username).put("Password", password);
            HttpRequest request = request(ISSUE_TOKEN, Map.of())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(credentials)))
                    .build();
            Instant issuedAt = clock.instant();
            JsonNode answer = http.fetch(request, response -> {
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                if (response.statusCode() == 401 || response.statusCode() == 403) {
                    throw new ConnectorException("Mindbody refused the credentials" + detail(response)
                            + "; check 'apiKey', and 'username' and 'password' of a staff member of site " + siteId);
                }
                throw explain(response, "a staff user token");
            });
            JsonNode accessToken = answer.path("AccessToken");
            if (!accessToken.isTextual() || accessToken.asText().isBlank()) {
                throw new IOException("Mindbody answered a token request without an AccessToken");
            }
            Instant expires = RecordMapper.instant(answer.path("Expires"));
            if (expires == null || !expires.isAfter(issuedAt)) {
                expires = issuedAt.plus(ASSUMED_LIFETIME);
            }
            token = accessToken.asText();
            renewAt = renewal(issuedAt, expires);
            state.put(STATE_KEY, new StoredToken(token, issuedAt, expires, issuedFor).toJson());
        }

        private Instant renewal(Instant issuedAt, Instant expires) {
            Duration lifetime = Duration.between(issuedAt, expires);
            if (lifetime.isNegative() || lifetime.isZero()) {
                return issuedAt;
            }
            Duration margin = lifetime.dividedBy(5).compareTo(MARGIN) < 0 ? lifetime.dividedBy(5) : MARGIN;
            return expires.minus(margin);
        }
    }

    /**
     * A token as the connection's state keeps it, as JSON. {@code issuedFor} is a hash of what the token was issued
     * for, so a token of another user, site, key or address is never used after the configuration changed.
     */
    record StoredToken(String token, Instant issuedAt, Instant expires, String issuedFor) {

        String toJson() {
            return JSON.createObjectNode().put("token", token).put("issuedAt", issuedAt.toString())
                    .put("expires", expires.toString()).put("issuedFor", issuedFor).toString();
        }

        /** The stored token, or null when the value is not one (written by another version): it is issued again. */
        static StoredToken parse(String json) {
            try {
                JsonNode node = JSON.readTree(json);
                Instant issuedAt = RecordMapper.instant(node.path("issuedAt"));
                Instant expires = RecordMapper.instant(node.path("expires"));
                if (!node.path("token").isTextual() || !node.path("issuedFor").isTextual() || issuedAt == null
                        || expires == null) {
                    return null;
                }
                return new StoredToken(node.path("token").asText(), issuedAt, expires, node.path("issuedFor").asText());
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** A hash of what a token is issued for: address, API key, site and user (not the password: not its identity). */
    static String issuedFor(String baseUrl, String apiKey, long siteId, String username) {
        try {
            String identity = String.join("\n", baseUrl, apiKey, Long.toString(siteId), username);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
