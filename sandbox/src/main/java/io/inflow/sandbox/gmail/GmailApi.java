package io.inflow.sandbox.gmail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.ApiTraffic;
import io.inflow.sandbox.Deletion;
import io.inflow.sandbox.DeletionRequests;
import io.inflow.sandbox.FakeApi;
import io.inflow.sandbox.FaultReplies;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.RequestLog;
import io.inflow.sandbox.Restoration;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.http.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The Gmail API v1 fake: one mailbox ({@value Correspondents#OWNER_ADDRESS}) behind Google's OAuth refresh-token
 * exchange, access tokens that expire, the per-user quota in units, parameter checks and Google's error bodies.
 * Served under {@code /gmail}: the API at {@code /gmail/gmail/v1/users/{userId}/...} and the token endpoint at
 * {@code /gmail/token}.
 */
public final class GmailApi implements FakeApi {

    public static final String CLIENT_ID = OAuthEndpoint.CLIENT_ID;
    public static final String CLIENT_SECRET = OAuthEndpoint.CLIENT_SECRET;
    public static final String EMAIL_ADDRESS = Correspondents.OWNER_ADDRESS;
    private static final Set<String> MODIFY_KEYS = Set.of("count", "newMessages");
    private static final Set<String> DELETE_KEYS = Set.of("count");
    private static final Set<String> RESTORE_KEYS = Set.of("ids");
    private static final Set<String> LIMIT_KEYS = Set.of("unitsPerSecond", "overLimitStatus", "tokenLifetimeSeconds",
            "historyHorizonSeconds");

    private final GmailSettings settings;
    private final Mailbox mailbox;
    private final AccessTokens tokens;
    private final UnitBudget budget;
    private final GmailGate gate;
    private final MailboxEndpoints endpoints;
    private final MailboxEditor editor;
    private final ApiTraffic traffic;
    private final FaultReplies faultReplies;
    private final Router router;

    public GmailApi(GmailSettings settings) {
        this.settings = settings;
        GmailOptions options = settings.options();
        Correspondents correspondents = new Correspondents();
        this.mailbox = new MailboxGenerator(settings.seed(), options.messages(), correspondents).generate();
        this.tokens = new AccessTokens(settings.clock(), settings.seed(), options.tokenLifetime());
        this.budget = new UnitBudget(settings.clock(), options.unitsPerSecond());
        this.gate = new GmailGate(tokens, budget, options.overLimitStatus());
        this.endpoints = new MailboxEndpoints(mailbox, gate, settings.clock(), options.historyHorizon().toMillis(),
                options.emptyLastPage());
        this.editor = new MailboxEditor(settings.seed(), mailbox, correspondents, settings.clock());
        this.traffic = new ApiTraffic(settings.clock(), RequestLog.DEFAULT_CAPACITY);
        this.faultReplies = new FaultReplies(GmailError.backendError().toResponse(),
                GmailError.rateLimited(429).toResponse());
        OAuthEndpoint oauth = new OAuthEndpoint(settings.refreshToken(), tokens);
        String users = "/gmail/v1/users/{userId}";
        Router.Builder routes = Router.builder()
                .post("/token", oauth::token)
                .get(users + "/profile", endpoints::profile)
                .get(users + "/labels", endpoints::listLabels)
                .get(users + "/labels/{id}", endpoints::getLabel)
                .get(users + "/messages", endpoints::listMessages)
                .get(users + "/messages/{id}", endpoints::getMessage)
                .get(users + "/history", endpoints::listHistory);
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/messages", "/messages/{id}", "/messages/{id}/{action}", "/labels", "/labels/{id}")) {
                routes.route(method, users + path, this::refuseWrite);
            }
        }
        this.router = routes.build(request -> {
            throw GmailError.pageNotFound(request.path());
        });
    }

    /** The sandbox's tokens carry the gmail.readonly scope: any write is refused, after the usual checks. */
    private Response refuseWrite(Request request) {
        gate.enter(request, MailboxEndpoints.GET_UNITS);
        throw GmailError.insufficientScopes();
    }

    @Override
    public String name() {
        return "gmail";
    }

    /**
     * Answers as Gmail would, then lets the request's answer-level fault replace or delay that answer. The
     * normal answer is worked out first, so a faulted request still spends its quota units.
     */
    @Override
    public Reply handle(Request request) {
        Response response;
        boolean violation = false;
        try {
            response = router.handle(request.below(pathPrefix()));
        } catch (GmailError error) {
            response = error.toResponse();
            violation = error.violation();
        }
        Reply reply = faultReplies.reply(request.faults(), response);
        traffic.record(request, reply, violation);
        return reply;
    }

    @Override
    public ApiTraffic traffic() {
        return traffic;
    }

    /** The figures of the messages outside Spam and Trash, as they stand. */
    public MailboxFigures figures() {
        return MailboxFigures.of(mailbox);
    }

    /** Messages outside Spam and Trash and not deleted: what a default import reads. */
    public int messageCount() {
        return mailbox.read(() -> {
            int visible = 0;
            for (int i = 0; i < mailbox.size(); i++) {
                visible += mailbox.visible(i) && !mailbox.deleted(i) ? 1 : 0;
            }
            return visible;
        });
    }

    public int labelCount() {
        return Labels.ALL.size();
    }

    /** The mailbox's history id now, as {@code users.getProfile} answers it. */
    public long historyId() {
        return mailbox.read(mailbox::currentHistoryId);
    }

    @Override
    public ObjectNode stats() {
        MailboxFigures figures = figures();
        ObjectNode stats = Json.object();
        stats.put("requests", traffic.requestCount());
        stats.put("violations", traffic.violationCount());
        ObjectNode streams = stats.putObject("streams");
        streams.put("messages", figures.messages());
        streams.put("labels", labelCount());
        ObjectNode mailboxFigures = stats.putObject("figures");
        mailboxFigures.put("messages", figures.messages());
        mailboxFigures.put("threads", figures.threads());
        mailboxFigures.put("unread", figures.unread());
        mailboxFigures.put("starred", figures.starred());
        ObjectNode faults = stats.putObject("faults");
        traffic.faults().asJson().forEach(faults::put);
        return stats;
    }

    @Override
    public ObjectNode connections(String sandboxBaseUrl) {
        ObjectNode connections = Json.object();
        ObjectNode connection = connections.putObject("gmail");
        connection.put("plugin", "gmail");
        connection.put("name", "gmail-sandbox");
        ObjectNode config = connection.putObject("config");
        config.put("baseUrl", sandboxBaseUrl + pathPrefix());
        config.put("tokenUrl", sandboxBaseUrl + pathPrefix() + "/token");
        config.put("clientId", CLIENT_ID);
        config.put("clientSecret", CLIENT_SECRET);
        config.put("refreshToken", settings.refreshToken());
        config.put("userId", "me");
        return connections;
    }

    /**
     * {@code {"count":N}} changes the labels of N messages (one history record each); {@code "newMessages":M}
     * delivers M new ones; at least one of them must be positive.
     */
    @Override
    public Modification modify(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MODIFY_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key " + name + "; known: count, newMessages");
            }
        }
        int count = intValue(body, "count");
        int newMessages = intValue(body, "newMessages");
        if (count <= 0 && newMessages <= 0) {
            throw new IllegalArgumentException("count (messages to relabel) or newMessages must be positive");
        }
        List<String> ids = new ArrayList<>();
        if (count != 0) {
            ids.addAll(modify(count).ids());
        }
        if (newMessages != 0) {
            ids.addAll(deliver(newMessages).ids());
        }
        return new Modification(ids.size(), ids);
    }

    private static int intValue(JsonNode body, String key) {
        JsonNode value = body.get(key);
        if (value == null) {
            return 0;
        }
        if (!value.isInt()) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
        return value.intValue();
    }

    /** Changes the labels of {@code count} distinct messages outside Spam and Trash (read, starred or filed). */
    public Modification modify(int count) {
        return editor.relabel(count);
    }

    /** Delivers {@code count} new unread messages to the inbox. */
    public Modification deliver(int count) {
        return editor.deliver(count);
    }

    /**
     * {@code {"count":N}} deletes N messages outside Spam and Trash for good: they leave every listing and count,
     * {@code messages.get} answers 404, and history gets one {@code messagesDeleted} record each.
     */
    @Override
    public Deletion delete(JsonNode body) {
        return delete(DeletionRequests.count(body, DELETE_KEYS));
    }

    /** Deletes {@code count} distinct messages outside Spam and Trash, among those not deleted yet. */
    public Deletion delete(int count) {
        return editor.delete(count);
    }

    /** {@code {"ids":[...]}} brings deleted messages back as they were, one {@code messagesAdded} record each. */
    @Override
    public Restoration restore(JsonNode body) {
        return restore(DeletionRequests.ids(body, RESTORE_KEYS));
    }

    public Restoration restore(List<String> ids) {
        return editor.restore(ids);
    }

    /** Forgets the history so far, as if the horizon had passed it: every older startHistoryId answers 404. */
    public void expireHistory() {
        editor.forgetHistory();
    }

    /** Every access token issued so far stops working, as an hour later. */
    public void expireAccessTokens() {
        tokens.expireAll();
    }

    /** Access tokens issued so far. */
    public long tokensIssued() {
        return tokens.issuedCount();
    }

    @Override
    public ObjectNode updateLimits(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!LIMIT_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown limit " + name + "; known: " + LIMIT_KEYS);
            }
            if (!body.get(name).canConvertToLong() || !body.get(name).isIntegralNumber()) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
        }
        if (body.has("overLimitStatus")) {
            int status = body.get("overLimitStatus").intValue();
            if (status != 429 && status != 403) {
                throw new IllegalArgumentException("overLimitStatus must be 429 or 403");
            }
            gate.overLimitStatus(status);
        }
        if (body.has("tokenLifetimeSeconds")) {
            long seconds = body.get("tokenLifetimeSeconds").longValue();
            if (seconds < 1) {
                throw new IllegalArgumentException("tokenLifetimeSeconds must be at least 1");
            }
            tokens.lifetime(Duration.ofSeconds(seconds));
        }
        if (body.has("historyHorizonSeconds")) {
            long seconds = body.get("historyHorizonSeconds").longValue();
            if (seconds < 0) {
                throw new IllegalArgumentException("historyHorizonSeconds must not be negative");
            }
            endpoints.historyHorizonMillis(seconds * 1000);
        }
        if (body.has("unitsPerSecond")) {
            budget.limitTo(body.get("unitsPerSecond").intValue());
        }
        return limits();
    }

    /** Shortcut for tests: the per-user quota in units per second; 0 or less switches it off. */
    public void limitTo(int unitsPerSecond) {
        budget.limitTo(unitsPerSecond);
    }

    @Override
    public ObjectNode limits() {
        ObjectNode answer = Json.object();
        answer.put("unitsPerSecond", budget.unitsPerSecond());
        answer.put("overLimitStatus", gate.overLimitStatus());
        answer.put("tokenLifetimeSeconds", tokens.lifetime().toSeconds());
        answer.put("historyHorizonSeconds", endpoints.historyHorizonMillis() / 1000);
        return answer;
    }

    /** Also brings back every deleted message, with a messagesAdded history record each. */
    @Override
    public void reset() {
        traffic.reset();
        budget.reset();
        editor.restoreAll();
    }
}
