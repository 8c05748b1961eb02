package io.inflow.sandbox.toast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
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
import java.time.Instant;
import java.time.Period;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Toast fake: one restaurant's orders behind Toast's machine-client login, its rate limits, the Orders API's
 * parameter checks and its {@code ErrorMessage} bodies. Served: {@code POST /authentication/v1/authentication/login},
 * {@code GET /orders/v2/ordersBulk}, {@code GET /orders/v2/orders/{guid}}.
 */
public final class ToastApi implements FakeApi {

    static final String LOGIN_PATH = "/authentication/v1/authentication/login";
    private static final Set<String> LIMIT_KEYS = Set.of("requestsPerSecond", "globalRequestsPerSecond",
            "globalRequestsPerQuarterHour", "tokenLifetimeSeconds");
    /** Injected faults carry no real request's id. */
    private static final Set<String> DELETE_KEYS = Set.of("count");
    private static final Set<String> RESTORE_KEYS = Set.of("ids");
    private static final String FAULT_REQUEST_ID = "00000000-0000-4000-8000-000000000000";

    private final ToastSettings settings;
    private final OrderBook book;
    private final OrderModifier modifier;
    private final OrderDeleter deleter;
    private final TokenStore tokens;
    private final ToastLimits limits;
    private final ToastQuirks quirks = new ToastQuirks();
    private final ApiTraffic traffic;
    private final FaultReplies faultReplies;
    private final Router router;
    private final AtomicLong requestIds = new AtomicLong();

    public ToastApi(ToastSettings settings) {
        this.settings = settings;
        this.book = new OrderBook(new OrdersGenerator(settings.seed()).generate());
        this.modifier = new OrderModifier(settings.seed(), book, settings.clock());
        this.deleter = new OrderDeleter(settings.seed(), book, settings.clock());
        this.tokens = new TokenStore(settings.seed(), settings.clock(), settings.options().tokenLifetime());
        this.limits = new ToastLimits(settings.clock(), settings.options());
        this.traffic = new ApiTraffic(settings.clock(), RequestLog.DEFAULT_CAPACITY);
        this.faultReplies = new FaultReplies(ToastError.serverError().toResponse(FAULT_REQUEST_ID),
                ToastError.rateLimited(Map.of()).toResponse(FAULT_REQUEST_ID));
        ToastGate gate = new ToastGate(tokens, limits);
        OrdersHandler orders = new OrdersHandler(pathPrefix(), gate, book, quirks);
        LoginHandler login = new LoginHandler(settings.clientSecret(), tokens, limits, settings.clock());
        this.router = Router.builder()
                .post(LOGIN_PATH, login::login)
                .get("/orders/v2/ordersBulk", orders::bulk)
                .get("/orders/v2/orders/{guid}", orders::one)
                .build(request -> {
                    throw ToastError.notFound("No resource " + request.method() + " " + request.path());
                });
    }

    @Override
    public String name() {
        return "toast";
    }

    /**
     * Answers as Toast would, then lets the request's answer-level fault replace or delay that answer. The normal
     * answer is worked out first, so a faulted request still counts against the rate limits.
     */
    @Override
    public Reply handle(Request request) {
        Response response;
        try {
            response = router.handle(request.below(pathPrefix()));
        } catch (ToastError error) {
            response = error.toResponse(nextRequestId());
        }
        boolean violation = response.status() == 429;
        Reply reply = faultReplies.reply(request.faults(), response);
        traffic.record(request, reply, violation);
        return reply;
    }

    private String nextRequestId() {
        long n = requestIds.incrementAndGet();
        return new UUID(OrderModifier.mix(settings.seed() ^ n) & ~0xF000L | 0x4000L,
                OrderModifier.mix(n) & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L).toString();
    }

    @Override
    public ApiTraffic traffic() {
        return traffic;
    }

    /** The logins in the request log, whatever their answer. */
    public long loginCount() {
        return traffic.requests().stream().filter(request -> request.path().endsWith(LOGIN_PATH)).count();
    }

    /** The orders not deleted: the {@code orders} stream. */
    public int orderCount() {
        return book.liveCount();
    }

    /**
     * How many orders were last modified in {@code [from, until)}: what a scan of that window reads, deleted orders
     * included (they come marked deleted).
     */
    public int ordersModifiedBetween(Instant from, Instant until) {
        return book.select(order -> order.modifiedAt() >= from.toEpochMilli() && order.modifiedAt() < until.toEpochMilli())
                .size();
    }

    /** The exact figures of the orders as they are now, deleted orders left out. */
    public ToastFigures figures() {
        return ToastFigures.of(book.select(order -> !order.deleted()));
    }

    /** Adjusts the tips of {@code count} orders and stamps them with a new {@code modifiedDate}. */
    public Modification modify(int count) {
        return modifier.modify(count);
    }

    /** Every token issued so far stops working, as if it had expired. */
    public void expireTokens() {
        tokens.revokeAll();
    }

    /** Tokens issued from now on live this long; see {@link ToastOptions#tokenLifetime()}. */
    public void tokenLifetime(Duration lifetime) {
        useOptions(limits.options().withTokenLifetime(lifetime));
    }

    /** The ordersBulk limit per location, and the global ones; a change forgets past slices. */
    public void limitTo(int requestsPerSecond, int globalRequestsPerSecond, int globalRequestsPerQuarterHour) {
        useOptions(limits.options().withRequestsPerSecond(requestsPerSecond)
                .withGlobalLimits(globalRequestsPerSecond, globalRequestsPerQuarterHour));
    }

    /** The longest startDate..endDate window ordersBulk accepts (one month by default). */
    public void maxWindow(Period window) {
        quirks.maxWindow(window);
    }

    /** Whether every ordersBulk page links a next one, the last and empty ones included (off by default). */
    public void linkNextOnEveryPage(boolean always) {
        quirks.linkNextOnEveryPage(always);
    }

    private void useOptions(ToastOptions options) {
        limits.use(options);
        tokens.lifetime(options.tokenLifetime());
    }

    @Override
    public ObjectNode stats() {
        ObjectNode stats = Json.object();
        stats.put("requests", traffic.requestCount());
        stats.put("violations", traffic.violationCount());
        stats.putObject("streams").put("orders", book.liveCount());
        ToastFigures figures = figures();
        ObjectNode totals = stats.putObject("figures");
        totals.put("orders", figures.sales());
        totals.put("voided", figures.voided());
        totals.set("revenue", DecimalNode.valueOf(figures.revenue()));
        totals.set("average_ticket", DecimalNode.valueOf(figures.averageTicket()));
        ObjectNode faults = stats.putObject("faults");
        traffic.faults().asJson().forEach(faults::put);
        return stats;
    }

    @Override
    public ObjectNode connections(String sandboxBaseUrl) {
        ObjectNode connection = Json.object();
        connection.put("plugin", "toast");
        connection.put("name", "toast-sandbox");
        ObjectNode config = connection.putObject("config");
        config.put("baseUrl", sandboxBaseUrl + pathPrefix());
        config.put("clientId", Restaurant.CLIENT_ID);
        config.put("clientSecret", settings.clientSecret());
        config.put("restaurantGuid", Restaurant.GUID);
        config.put("startDate", Restaurant.FIRST_BUSINESS_DATE.toString());
        ObjectNode connections = Json.object();
        connections.set("toast", connection);
        return connections;
    }

    /** {@code {"count":N}}: N orders get a tip adjustment and a new modifiedDate. */
    @Override
    public Modification modify(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("count")) {
                throw new IllegalArgumentException("unknown key " + name + "; known: count");
            }
        }
        JsonNode count = body.get("count");
        if (count == null || !count.isInt()) {
            throw new IllegalArgumentException("count must be an integer");
        }
        return modify(count.intValue());
    }

    /** {@code {"count":N}}: N orders are marked deleted, with a new modifiedDate; they stay in ordersBulk. */
    @Override
    public Deletion delete(JsonNode body) {
        return delete(DeletionRequests.count(body, DELETE_KEYS));
    }

    /** Marks {@code count} orders deleted, among those not deleted yet; see {@link OrderDeleter}. */
    public Deletion delete(int count) {
        return deleter.delete(count);
    }

    /** {@code {"ids":[...]}}: these deleted orders, by GUID, are no longer deleted, with a new modifiedDate. */
    @Override
    public Restoration restore(JsonNode body) {
        return restore(DeletionRequests.ids(body, RESTORE_KEYS));
    }

    public Restoration restore(List<String> guids) {
        return deleter.restore(guids);
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
            if (!body.get(name).isInt()) {
                throw new IllegalArgumentException(name + " must be an integer");
            }
        }
        ToastOptions current = limits.options();
        ToastOptions changed = current
                .withRequestsPerSecond(body.path("requestsPerSecond").asInt(current.requestsPerSecond()))
                .withGlobalLimits(body.path("globalRequestsPerSecond").asInt(current.globalRequestsPerSecond()),
                        body.path("globalRequestsPerQuarterHour").asInt(current.globalRequestsPerQuarterHour()))
                .withTokenLifetime(body.has("tokenLifetimeSeconds")
                        ? Duration.ofSeconds(body.get("tokenLifetimeSeconds").asInt()) : current.tokenLifetime());
        useOptions(changed);
        return limits();
    }

    @Override
    public ObjectNode limits() {
        ToastOptions options = limits.options();
        ObjectNode answer = Json.object();
        answer.put("requestsPerSecond", options.requestsPerSecond());
        answer.put("globalRequestsPerSecond", options.globalRequestsPerSecond());
        answer.put("globalRequestsPerQuarterHour", options.globalRequestsPerQuarterHour());
        answer.put("tokenLifetimeSeconds", options.tokenLifetime().toSeconds());
        answer.put("maxWindow", quirks.maxWindow().toString());
        answer.put("linkNextOnEveryPage", quirks.linkNextOnEveryPage());
        return answer;
    }

    /** Also brings back every deleted order, as {@link #restore} does. */
    @Override
    public void reset() {
        traffic.reset();
        limits.reset();
        deleter.restoreAll();
    }
}
