package io.inflow.plugins.mindbody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.api.ConnectorContext;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The calls Inflow makes to the Mindbody Public API v6, and the translation of its answers. Every call carries
 * the {@code Api-Key} and {@code SiteId} headers and the staff user token of a {@link StaffSession}; every call
 * goes through the host's client, which waits for the rate limit and retries 429s, 5xx, broken connections and
 * unreadable answers. An API is used by one read (or check) at a time: it holds that read's token.
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

    private MindbodyApi(UpstreamClient http, String baseUrl, String apiKey, long siteId, String username,
                        String password, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.siteId = siteId;
        this.session = new StaffSession(username, password, clock);
    }

    static MindbodyApi of(ConnectorContext context, Clock clock) {
        MindbodySettings settings = MindbodySettings.of(context.config());
        return new MindbodyApi(context.http(), settings.baseUrl(), settings.apiKey(), settings.siteId(),
                settings.username(), settings.password(), clock);
    }

    /** One page of a list endpoint: its items and the size of the whole filtered set. */
    record Page(JsonNode items, int total) {}

    /** Issues a staff user token: proves the API key, the site and the staff credentials. */
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
     * A GET with the session's token. A 401 means the token expired or was revoked: the session issues a new
     * one and the call is made again; {@link #MAX_TOKEN_REFUSALS} refusals in a row are explained.
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
                throw new ConnectorException("Mindbody refused " + MAX_TOKEN_REFUSALS + " fresh staff user tokens in a row for " + what + answer.detail()
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
     * The staff user token of one read: issued on first use, issued again shortly before it expires (by
     * {@code Expires}, on our clock) or after Mindbody refused it.
     */
    private final class StaffSession {

        /** Renew this long before expiry, or a fifth of the token's lifetime when that is shorter. */
        private static final Duration MARGIN = Duration.ofMinutes(5);
        /** When Mindbody does not say: its documented lifetime is 24 hours. */
        private static final Duration ASSUMED_LIFETIME = Duration.ofHours(23);

        private final String username;
        private final String password;
        private final Clock clock;
        private String token;
        private Instant renewAt;

        StaffSession(String username, String password, Clock clock) {
            this.username = username;
            this.password = password;
            this.clock = clock;
        }

        String token() throws IOException, InterruptedException {
            if (token == null || !clock.instant().isBefore(renewAt)) {
                issue();
            }
            return token;
        }

        void forget(String refused) {
            if (refused.equals(token)) {
                token = null;
            }
        }

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
            token = accessToken.asText();
            renewAt = renewal(issuedAt, RecordMapper.instant(answer.path("Expires")));
        }

        private Instant renewal(Instant issuedAt, Instant expires) {
            if (expires == null || !expires.isAfter(issuedAt)) {
                return issuedAt.plus(ASSUMED_LIFETIME);
            }
            Duration lifetime = Duration.between(issuedAt, expires);
            Duration margin = lifetime.dividedBy(5).compareTo(MARGIN) < 0 ? lifetime.dividedBy(5) : MARGIN;
            return expires.minus(margin);
        }
    }
}
