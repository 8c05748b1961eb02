package io.inflow.sandbox.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.ApiTraffic;
import io.inflow.sandbox.FakeApi;
import io.inflow.sandbox.LoggedRequest;
import io.inflow.sandbox.Modification;
import io.inflow.sandbox.RequestLog;
import io.inflow.sandbox.http.Json;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import io.inflow.sandbox.http.Router;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;

/**
 * The Airtable Web API fake: base {@value ConversationsGenerator#BASE_ID} with its Conversations
 * table, behind Airtable's authentication, limits, parameter checks and error bodies.
 */
public final class AirtableApi implements FakeApi {

    /** Airtable refuses URLs this long; measured on the URL as it would be sent upstream. */
    static final int MAX_URL_LENGTH = 16_000;
    private static final String UPSTREAM_ORIGIN = "https://api.airtable.com";

    private final AirtableSettings settings;
    private final AirtableBase base;
    private final AirtableTable table;
    private final RecordModifier modifier;
    private final AirtableLimits limits;
    private final ApiTraffic traffic;
    private final IteratorStore iterators;
    private final Router router;

    public AirtableApi(AirtableSettings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        ConversationsGenerator.Generated generated = new ConversationsGenerator(settings.seed(), settings.records()).generate();
        this.table = generated.table();
        this.modifier = new RecordModifier(settings.seed(), table, generated.edit(), clock);
        this.base = new AirtableBase(ConversationsGenerator.BASE_ID, ConversationsGenerator.BASE_NAME, "read", List.of(table));
        this.limits = new AirtableLimits(clock, settings.requestsPerSecond(), settings.requestsPerSecondPerToken(), settings.lockout());
        this.traffic = new ApiTraffic(clock, RequestLog.DEFAULT_CAPACITY);
        this.iterators = new IteratorStore(clock, settings.seed(), settings.iteratorTtl());
        AirtableGate gate = new AirtableGate(settings.token(), base, limits);
        SchemaHandlers schema = new SchemaHandlers(gate, base);
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

    @Override
    public Response handle(Request request) {
        Response response;
        try {
            if (upstreamUrlLength(request) >= MAX_URL_LENGTH) {
                throw AirtableError.urlTooLong();
            }
            response = router.handle(request.below(pathPrefix()));
        } catch (AirtableError error) {
            response = error.toResponse();
        }
        traffic.record(request, response, response.status() == 429);
        return response;
    }

    private int upstreamUrlLength(Request request) {
        return UPSTREAM_ORIGIN.length() + request.target().length() - pathPrefix().length();
    }

    @Override
    public ApiTraffic traffic() {
        return traffic;
    }

    public long requestCount() {
        return traffic.requestCount();
    }

    public long violationCount() {
        return traffic.violationCount();
    }

    /** The request log, oldest first, as {@code GET /_sandbox/requests?api=airtable} shows it. */
    public List<LoggedRequest> requests() {
        return traffic.requests();
    }

    public AirtableBase base() {
        return base;
    }

    public AirtableTable table() {
        return table;
    }

    public ConversationFigures figures() {
        return ConversationFigures.forRecords(table.size());
    }

    int liveIterators() {
        return iterators.size();
    }

    @Override
    public ObjectNode stats() {
        ObjectNode stats = Json.object();
        stats.put("requests", traffic.requestCount());
        stats.put("violations", traffic.violationCount());
        ObjectNode streams = stats.putObject("streams");
        for (AirtableTable each : base.tables()) {
            streams.put(each.name(), each.size());
        }
        return stats;
    }

    @Override
    public ObjectNode connection(String sandboxBaseUrl) {
        ObjectNode connection = Json.object();
        connection.put("plugin", "airtable");
        connection.put("name", "airtable-sandbox");
        ObjectNode config = connection.putObject("config");
        config.put("baseUrl", sandboxBaseUrl + pathPrefix());
        config.put("apiToken", settings.token());
        config.put("baseId", base.id());
        config.putArray("tables").add(table.name());
        return connection;
    }

    /** Adds a message to each record: Booking, Lead Created and Engaged keep their exact counts. */
    @Override
    public Modification modify(int count) {
        return modifier.modify(count);
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

    @Override
    public void reset() {
        traffic.reset();
        limits.reset();
    }
}
