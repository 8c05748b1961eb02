package io.inflow.sandbox.airtable;

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
import io.inflow.sandbox.http.PathPattern;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.http.Router;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Airtable Web API fake: base {@value ConversationsGenerator#BASE_ID} and base
 * {@value ConversationsGenerator#ARCHIVE_BASE_ID}, each with its Conversations table, behind
 * Airtable's authentication, limits, parameter checks and error bodies.
 */
public final class AirtableApi implements FakeApi {

    /** Airtable refuses URLs this long; measured on the URL as it would be sent upstream. */
    static final int MAX_URL_LENGTH = 16_000;
    private static final String UPSTREAM_ORIGIN = "https://api.airtable.com";
    /** The routes that name a base, whatever their method: a request to one counts for that base. */
    private static final List<PathPattern> BASE_PATHS = List.of(
            PathPattern.of("/v0/meta/bases/{baseId}/tables"),
            PathPattern.of("/v0/{baseId}/{table}"),
            PathPattern.of("/v0/{baseId}/{table}/{recordId}"));
    private static final Set<String> MODIFY_KEYS = Set.of("count", "base");
    private static final Set<String> DELETE_KEYS = Set.of("count", "base");
    private static final Set<String> RESTORE_KEYS = Set.of("ids", "base");

    private final AirtableSettings settings;
    private final Map<String, ServedBase> bases = new LinkedHashMap<>();
    private final ServedBase main;
    private final AirtableLimits limits;
    private final ApiTraffic traffic;
    private final IteratorStore iterators;
    private final FaultReplies faultReplies;
    private final Router router;

    public AirtableApi(AirtableSettings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        for (BaseSpec spec : BaseSpec.clinic(settings.seed(), settings.records())) {
            bases.put(spec.id(), ServedBase.generate(spec, clock));
        }
        this.main = bases.get(ConversationsGenerator.BASE_ID);
        this.limits = new AirtableLimits(clock, settings.requestsPerSecond(), settings.requestsPerSecondPerToken(), settings.lockout());
        this.traffic = new ApiTraffic(clock, RequestLog.DEFAULT_CAPACITY);
        this.iterators = new IteratorStore(clock, settings.seed(), settings.iteratorTtl());
        this.faultReplies = new FaultReplies(AirtableError.serverError().toResponse(), AirtableError.rateLimited().toResponse());
        List<AirtableBase> served = bases.values().stream().map(ServedBase::base).toList();
        AirtableGate gate = new AirtableGate(settings.token(), served, limits);
        SchemaHandlers schema = new SchemaHandlers(gate, served);
        ListRecordsHandler listRecords = new ListRecordsHandler(gate, iterators);
        GetRecordHandler getRecord = new GetRecordHandler(gate);
        Router.Builder routes = Router.builder()
                .get("/v0/meta/bases", schema::listBases)
                .get("/v0/meta/bases/{baseId}/tables", schema::baseSchema)
                .get("/v0/{baseId}/{table}", listRecords::fromQuery)
                .post("/v0/{baseId}/{table}/listRecords", listRecords::fromBody)
                .get("/v0/{baseId}/{table}/{recordId}", getRecord::handle);
        for (String write : List.of("POST", "PATCH", "PUT", "DELETE")) {
            routes.route(write, "/v0/{baseId}/{table}", request -> refuseWrite(gate, request));
            routes.route(write, "/v0/{baseId}/{table}/{recordId}", request -> refuseWrite(gate, request));
        }
        this.router = routes.build(request -> {
            throw AirtableError.notFound();
        });
    }

    /** The sandbox token carries read scopes only, so Airtable would refuse any write with 403. */
    private static Response refuseWrite(AirtableGate gate, Request request) {
        gate.enterBase(request, request.pathParam("baseId"));
        throw AirtableError.invalidPermissions();
    }

    @Override
    public String name() {
        return "airtable";
    }

    /**
     * Answers as Airtable would, then lets the request's answer-level fault replace or delay that
     * answer. The normal answer is always worked out first, so a faulted request still arrives
     * everywhere a real one would: it counts against the rate limits, and if it breaks one, that
     * is a violation and starts the lock-out even though the client sees the fault instead.
     */
    @Override
    public Reply handle(Request request) {
        Response response;
        try {
            if (upstreamUrlLength(request) >= MAX_URL_LENGTH) {
                throw AirtableError.urlTooLong();
            }
            response = router.handle(request.below(pathPrefix()));
        } catch (AirtableError error) {
            response = error.toResponse();
        }
        boolean violation = response.status() == 429;
        Reply reply = faultReplies.reply(request.faults(), response);
        traffic.record(request, reply, violation);
        namedBase(request).ifPresent(base -> base.counter().count(violation));
        return reply;
    }

    private int upstreamUrlLength(Request request) {
        return UPSTREAM_ORIGIN.length() + request.target().length() - pathPrefix().length();
    }

    private Optional<ServedBase> namedBase(Request request) {
        List<String> segments = request.below(pathPrefix()).rawSegments();
        for (PathPattern pattern : BASE_PATHS) {
            Optional<Map<String, String>> captures = pattern.match(segments);
            if (captures.isPresent()) {
                return Optional.ofNullable(bases.get(captures.get().get("baseId")));
            }
        }
        return Optional.empty();
    }

    @Override
    public ApiTraffic traffic() {
        return traffic;
    }

    /** The requests whose path named this base, whatever their status. */
    public long requestCount(String baseId) {
        return served(baseId).counter().requests();
    }

    /** The rate-limit violations among the requests that named this base, by its limit or the token's. */
    public long violationCount(String baseId) {
        return served(baseId).counter().violations();
    }

    /** The main base, {@value ConversationsGenerator#BASE_ID}. */
    public AirtableBase base() {
        return main.base();
    }

    /** Every base served, the main one first. */
    public List<AirtableBase> bases() {
        return bases.values().stream().map(ServedBase::base).toList();
    }

    /** The main base's Conversations table. */
    public AirtableTable table() {
        return main.table();
    }

    public AirtableTable table(String baseId) {
        return served(baseId).table();
    }

    /** The figures of the table as generated: deletions do not change them. */
    public ConversationFigures figures() {
        return ConversationFigures.forRecords(main.table().size());
    }

    /** The figures of that base's table as generated: deletions do not change them. */
    public ConversationFigures figures(String baseId) {
        return ConversationFigures.forRecords(table(baseId).size());
    }

    private ServedBase served(String baseId) {
        ServedBase base = bases.get(baseId);
        if (base == null) {
            throw new IllegalArgumentException("unknown base " + baseId + "; known: " + bases.keySet());
        }
        return base;
    }

    int liveIterators() {
        return iterators.size();
    }

    /**
     * The main base's figures at the top, as before there were two bases; every base's under
     * {@code bases}; then the injected faults.
     */
    @Override
    public ObjectNode stats() {
        ObjectNode stats = Json.object();
        stats.put("requests", traffic.requestCount());
        stats.put("violations", traffic.violationCount());
        stats.set("streams", streams(main));
        ObjectNode perBase = stats.putObject("bases");
        for (ServedBase each : bases.values()) {
            ObjectNode figures = perBase.putObject(each.base().id());
            figures.put("requests", each.counter().requests());
            figures.put("violations", each.counter().violations());
            figures.set("streams", streams(each));
        }
        ObjectNode faults = stats.putObject("faults");
        traffic.faults().asJson().forEach(faults::put);
        return stats;
    }

    /** Each table's records that are not deleted. */
    private static ObjectNode streams(ServedBase base) {
        ObjectNode streams = Json.object();
        for (AirtableTable each : base.base().tables()) {
            streams.put(each.name(), each.recordCount());
        }
        return streams;
    }

    @Override
    public ObjectNode connections(String sandboxBaseUrl) {
        ObjectNode connections = Json.object();
        for (ServedBase each : bases.values()) {
            connections.set(each.spec().connectionKey(), connection(sandboxBaseUrl, each));
        }
        return connections;
    }

    private ObjectNode connection(String sandboxBaseUrl, ServedBase served) {
        ObjectNode connection = Json.object();
        connection.put("plugin", "airtable");
        connection.put("name", served.spec().connectionName());
        ObjectNode config = connection.putObject("config");
        config.put("baseUrl", sandboxBaseUrl + pathPrefix());
        config.put("apiToken", settings.token());
        config.put("baseId", served.base().id());
        config.putArray("tables").add(served.table().name());
        return connection;
    }

    /** {@code {"count":N}} changes N records of the main base; {@code "base"} picks another. */
    @Override
    public Modification modify(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MODIFY_KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key " + name + "; known: count, base");
            }
        }
        JsonNode count = body.get("count");
        if (count == null || !count.isInt()) {
            throw new IllegalArgumentException("count must be an integer");
        }
        JsonNode base = body.get("base");
        if (base != null && !base.isTextual()) {
            throw new IllegalArgumentException("base must be a base id such as " + ConversationsGenerator.ARCHIVE_BASE_ID);
        }
        return modify(base == null ? main.base().id() : base.asText(), count.intValue());
    }

    /** Adds a message to each of {@code count} records of the main base; Booking, Lead Created and Engaged keep their exact counts. */
    public Modification modify(int count) {
        return modify(main.base().id(), count);
    }

    public Modification modify(String baseId, int count) {
        return served(baseId).modifier().modify(count);
    }

    /** {@code {"count":N}} deletes N records of the main base; {@code "base"} picks another. */
    @Override
    public Deletion delete(JsonNode body) {
        int count = DeletionRequests.count(body, DELETE_KEYS);
        return delete(baseId(body), count);
    }

    /** Deletes {@code count} records of the main base, among those not deleted yet. */
    public Deletion delete(int count) {
        return delete(main.base().id(), count);
    }

    public Deletion delete(String baseId, int count) {
        return served(baseId).deleter().delete(count);
    }

    /** {@code {"ids":[...]}} restores deleted records of the main base; {@code "base"} picks another. */
    @Override
    public Restoration restore(JsonNode body) {
        List<String> ids = DeletionRequests.ids(body, RESTORE_KEYS);
        return restore(baseId(body), ids);
    }

    public Restoration restore(List<String> ids) {
        return restore(main.base().id(), ids);
    }

    public Restoration restore(String baseId, List<String> ids) {
        return served(baseId).deleter().restore(ids);
    }

    private String baseId(JsonNode body) {
        JsonNode base = body.get("base");
        if (base == null) {
            return main.base().id();
        }
        if (!base.isTextual()) {
            throw new IllegalArgumentException("base must be a base id such as " + ConversationsGenerator.ARCHIVE_BASE_ID);
        }
        served(base.asText());
        return base.asText();
    }

    @Override
    public ObjectNode updateLimits(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("requestsPerSecond") && !name.equals("requestsPerSecondPerToken")) {
                throw new IllegalArgumentException("unknown limit " + name);
            }
            if (!body.get(name).isInt()) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
        }
        int perBase = body.has("requestsPerSecond") ? body.get("requestsPerSecond").intValue() : limits.perBase();
        int perToken = body.has("requestsPerSecondPerToken") ? body.get("requestsPerSecondPerToken").intValue() : limits.perToken();
        limits.update(perBase, perToken);
        return limits();
    }

    /** Shortcut for tests: the per-base limit, keeping the per-token one. */
    public void limitTo(int requestsPerSecond) {
        limits.update(requestsPerSecond, limits.perToken());
    }

    @Override
    public ObjectNode limits() {
        ObjectNode answer = Json.object();
        answer.put("requestsPerSecond", limits.perBase());
        answer.put("requestsPerSecondPerToken", limits.perToken());
        answer.put("lockoutMillis", settings.lockout().toMillis());
        answer.put("iteratorTtlMillis", settings.iteratorTtl().toMillis());
        return answer;
    }

    /** Also brings back every deleted record of every base. */
    @Override
    public void reset() {
        traffic.reset();
        bases.values().forEach(base -> base.counter().reset());
        limits.reset();
        bases.values().forEach(base -> base.deleter().restoreAll());
    }
}
