package io.inflow.sandbox.mindbody;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import io.inflow.sandbox.http.Handler;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.mindbody.MindbodyOptions.OverQuota;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Mindbody Public API v6 fake, under {@code /mindbody/public/v6/...}: one studio (site -99) behind Mindbody's
 * API key, site and staff-token checks, its paging and its error bodies, with a per-second limit and a daily
 * quota per API key.
 */
public final class MindbodyApi implements FakeApi {

    public static final int SITE_ID = StudioJson.SITE_ID;
    public static final String USERNAME = "sandbox-staff";
    public static final String PASSWORD = "sandbox-password";
    private static final String V6 = "/public/v6";
    private static final Set<String> MODIFY_KEYS = Set.of("count");
    private static final Set<String> DELETE_KEYS = Set.of("count");
    private static final Set<String> RESTORE_KEYS = Set.of("ids");
    private static final Set<String> LIMIT_KEYS = Set.of("requestsPerSecond", "dailyQuota", "overQuota");

    private record Route(String method, Handler handler) {}

    private final String apiKey;
    private final MindbodyOptions options;
    private final Studio studio;
    private final StaffTokens tokens;
    private final CallLimits limits;
    private final MindbodyGate gate;
    private final ApiTraffic traffic;
    private final FaultReplies faultReplies;
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /**
     * @param seed the data's seed
     * @param apiKey the one API key the fake accepts (the sandbox's token)
     * @param clock the fake's time: token expiry, limits, quota days and modification stamps
     */
    public MindbodyApi(long seed, String apiKey, Clock clock, MindbodyOptions options) {
        this.apiKey = apiKey;
        this.options = options;
        this.studio = new StudioGenerator(seed).generate(clock);
        this.tokens = new StaffTokens(seed, clock, options.tokenLifetime());
        this.limits = new CallLimits(clock, options.requestsPerSecond(), options.dailyQuota(), options.overQuota());
        this.gate = new MindbodyGate(apiKey, limits, tokens);
        this.traffic = new ApiTraffic(clock, RequestLog.DEFAULT_CAPACITY);
        this.faultReplies = new FaultReplies(MindbodyError.serverError().toResponse(),
                MindbodyError.injectedTooManyRequests().toResponse());
        StudioHandlers handlers = new StudioHandlers(studio, gate, tokens, clock, USERNAME, PASSWORD);
        routes.put(V6 + "/usertoken/issue", new Route("POST", handlers::issueToken));
        routes.put(V6 + "/client/clients", new Route("GET", handlers::clients));
        routes.put(V6 + "/class/classdescriptions", new Route("GET", handlers::classDescriptions));
        routes.put(V6 + "/class/classes", new Route("GET", handlers::classes));
        routes.put(V6 + "/class/classvisits", new Route("GET", handlers::classVisits));
        routes.put(V6 + "/sale/sales", new Route("GET", handlers::sales));
    }

    @Override
    public String name() {
        return "mindbody";
    }

    /**
     * Answers as Mindbody would, then lets the request's answer-level fault replace or delay that answer. The
     * normal answer is worked out first, so a faulted call still counts against the limits and the quota.
     */
    @Override
    public Reply handle(Request request) {
        Response response;
        boolean violation = false;
        try {
            Request below = request.below(pathPrefix());
            Route route = route(below);
            gate.enter(below);
            response = route.handler().handle(below);
        } catch (MindbodyError error) {
            response = error.toResponse();
            violation = error.violation();
        }
        Reply reply = faultReplies.reply(request.faults(), response);
        traffic.record(withoutPassword(request), reply, violation);
        return reply;
    }

    /** ASP.NET routes ignore the path's letter case and a trailing slash. */
    private Route route(Request request) {
        String path = request.path().toLowerCase(Locale.ROOT);
        if (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        for (Map.Entry<String, Route> route : routes.entrySet()) {
            if (route.getKey().toLowerCase(Locale.ROOT).equals(path)) {
                if (!route.getValue().method().equals(request.method())) {
                    throw MindbodyError.methodNotAllowed(request.method());
                }
                return route.getValue();
            }
        }
        throw MindbodyError.notFound(request.path());
    }

    /** The request log keeps a token request's body, but never its password. */
    private static Request withoutPassword(Request request) {
        if (request.body().length == 0) {
            return request;
        }
        try {
            JsonNode body = Json.read(request.body());
            if (body instanceof ObjectNode object) {
                List<String> secrets = new java.util.ArrayList<>();
                object.fieldNames().forEachRemaining(name -> {
                    if (name.equalsIgnoreCase("Password")) {
                        secrets.add(name);
                    }
                });
                if (!secrets.isEmpty()) {
                    secrets.forEach(name -> object.put(name, "***"));
                    return new Request(request.method(), request.rawPath(), request.rawQuery(), request.headers(),
                            Json.bytes(object), request.pathParams(), request.faults());
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: nothing to hide
        }
        return request;
    }

    @Override
    public ApiTraffic traffic() {
        return traffic;
    }

    /** Staff user tokens issued since the sandbox started. */
    public long tokensIssued() {
        return tokens.issuedCount();
    }

    /** Record counts per stream, as the data stands. */
    public Map<String, Long> streams() {
        Map<String, Long> streams = new LinkedHashMap<>();
        streams.put("clients", studio.listedClients());
        streams.put("classes", (long) Catalogue.DESCRIPTIONS.size());
        streams.put("class_schedules", (long) studio.classes().size());
        streams.put("visits", (long) studio.visits().size());
        streams.put("sales", (long) studio.sales().size());
        return streams;
    }

    /**
     * Record counts per stream for a connection whose window is the days {@code from} to {@code to}: clients and
     * class descriptions whole; class occurrences and their visits starting, and sales made, on those days.
     */
    public Map<String, Long> streams(LocalDate from, LocalDate to) {
        LocalDateTime start = from.atStartOfDay();
        LocalDateTime end = to.plusDays(1).atStartOfDay();
        Map<String, Long> streams = new LinkedHashMap<>();
        streams.put("clients", studio.listedClients());
        streams.put("classes", (long) Catalogue.DESCRIPTIONS.size());
        streams.put("class_schedules", studio.classes().stream()
                .filter(c -> !c.start().isBefore(start) && c.start().isBefore(end)).count());
        streams.put("visits", studio.classes().stream()
                .filter(c -> !c.start().isBefore(start) && c.start().isBefore(end))
                .mapToLong(c -> c.visitsTo() - c.visitsFrom()).sum());
        streams.put("sales", studio.sales().stream().filter(s -> !s.at().isBefore(start) && s.at().isBefore(end)).count());
        return streams;
    }

    public long activeClients() {
        return studio.activeClients();
    }

    /** Class occurrences per month of their start, {@code "2025-03"} to count. */
    public Map<String, Long> classesPerMonth() {
        return studio.classesPerMonth();
    }

    @Override
    public ObjectNode stats() {
        ObjectNode stats = Json.object();
        stats.put("requests", traffic.requestCount());
        stats.put("violations", traffic.violationCount());
        ObjectNode streams = stats.putObject("streams");
        streams().forEach(streams::put);
        ObjectNode clients = stats.putObject("clients");
        long active = activeClients();
        long listed = studio.listedClients();
        clients.put("total", listed);
        clients.put("active", active);
        clients.put("inactive", listed - active);
        ObjectNode quota = stats.putObject("quota");
        quota.put("callsToday", limits.callsToday(apiKey));
        quota.put("dailyQuota", limits.dailyQuota());
        quota.put("overQuota", limits.overQuota().key());
        quota.put("billedOverage", limits.overage());
        stats.put("tokensIssued", tokens.issuedCount());
        ObjectNode faults = stats.putObject("faults");
        traffic.faults().asJson().forEach(faults::put);
        return stats;
    }

    @Override
    public ObjectNode connections(String sandboxBaseUrl) {
        ObjectNode connections = Json.object();
        ObjectNode connection = connections.putObject("mindbody");
        connection.put("plugin", "mindbody");
        connection.put("name", "mindbody-sandbox");
        ObjectNode config = connection.putObject("config");
        config.put("baseUrl", sandboxBaseUrl + pathPrefix());
        config.put("apiKey", apiKey);
        config.put("siteId", SITE_ID);
        config.put("username", USERNAME);
        config.put("password", PASSWORD);
        config.put("startDate", StudioFigures.FIRST_CLASS_DAY.toString());
        config.put("endDate", StudioFigures.LAST_CLASS_DAY.toString());
        return connections;
    }

    /** {@code {"count":N}} changes N clients: a new mobile number, a charge on account, a new modification time. */
    @Override
    public Modification modify(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MODIFY_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key " + name + "; known: count");
            }
        }
        JsonNode count = body.get("count");
        if (count == null || !count.isInt()) {
            throw new IllegalArgumentException("count must be an integer");
        }
        return modify(count.intValue());
    }

    /** Changes {@code count} distinct clients, chosen from the seed and the number of earlier changes. */
    public Modification modify(int count) {
        return studio.modify(count);
    }

    /** Changes these clients, by {@code UniqueId}. */
    public Modification modifyClients(List<Long> uniqueIds) {
        return studio.modify(uniqueIds);
    }

    /**
     * Merges these clients, by {@code UniqueId}, into others, as a front desk does with duplicate profiles: they
     * leave every client list, so the list a connector is paging through shrinks.
     */
    public void mergeClients(List<Long> uniqueIds) {
        studio.merge(uniqueIds);
    }

    /** {@code {"count":N}} deletes N clients: they leave every client list until restored. */
    @Override
    public Deletion delete(JsonNode body) {
        return delete(DeletionRequests.count(body, DELETE_KEYS));
    }

    /** Deletes {@code count} distinct clients on the lists; answers their {@code UniqueId}s. */
    public Deletion delete(int count) {
        return studio.delete(count);
    }

    /** {@code {"ids":[...]}} brings deleted clients back, by {@code UniqueId} as a string, unchanged. */
    @Override
    public Restoration restore(JsonNode body) {
        return restore(DeletionRequests.ids(body, RESTORE_KEYS));
    }

    public Restoration restore(List<String> uniqueIds) {
        return studio.restore(uniqueIds);
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
            JsonNode value = body.get(name);
            if (name.equals("overQuota") ? !value.isTextual() : !value.isInt()) {
                throw new IllegalArgumentException(name + (name.equals("overQuota") ? " must be bill or block" : " must be an integer"));
            }
        }
        int perSecond = body.has("requestsPerSecond") ? body.get("requestsPerSecond").intValue() : limits.requestsPerSecond();
        int quota = body.has("dailyQuota") ? body.get("dailyQuota").intValue() : limits.dailyQuota();
        if (quota < 0) {
            throw new IllegalArgumentException("dailyQuota must not be negative");
        }
        OverQuota overQuota = body.has("overQuota") ? OverQuota.parse(body.get("overQuota").asText()) : limits.overQuota();
        limits.update(perSecond, quota, overQuota);
        return limits();
    }

    @Override
    public ObjectNode limits() {
        ObjectNode answer = Json.object();
        answer.put("requestsPerSecond", limits.requestsPerSecond());
        answer.put("dailyQuota", limits.dailyQuota());
        answer.put("overQuota", limits.overQuota().key());
        answer.put("tokenLifetimeMillis", options.tokenLifetime().toMillis());
        return answer;
    }

    /** Also brings back every deleted client (not merged ones: a merge is not a deletion). */
    @Override
    public void reset() {
        traffic.reset();
        limits.reset();
        studio.restoreAll();
    }
}
