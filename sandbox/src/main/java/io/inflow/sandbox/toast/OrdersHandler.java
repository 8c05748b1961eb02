package io.inflow.sandbox.toast;

import io.inflow.sandbox.faults.RequestFaults;
import io.inflow.sandbox.http.QueryParams;
import io.inflow.sandbox.http.Request;
import io.inflow.sandbox.http.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /orders/v2/ordersBulk} and {@code GET /orders/v2/orders/{guid}}. Bulk pages are cut from the orders
 * that match at the moment each page is asked for (page {@code n} holds matches {@code (n-1)*pageSize} onward),
 * so an order modified between two page requests leaves the window and the later pages shift, as with any
 * offset paging over live data. The {@code Link} header carries {@code first}, {@code self}, {@code prev} (after
 * page 1) and {@code next} (while matches remain after this page, or on every page when told to).
 */
final class OrdersHandler {

    private final String pathPrefix;
    private final ToastGate gate;
    private final OrderBook book;
    private final ToastQuirks quirks;

    /** {@code pathPrefix} is where the sandbox serves the fake, which its links must keep. */
    OrdersHandler(String pathPrefix, ToastGate gate, OrderBook book, ToastQuirks quirks) {
        this.pathPrefix = pathPrefix;
        this.gate = gate;
        this.book = book;
        this.quirks = quirks;
    }

    Response bulk(Request request) {
        Map<String, String> limitHeaders = gate.enter(request, true);
        try {
            QueryParams params = request.query();
            BulkQuery query = BulkQuery.parse(params, quirks.maxWindow());
            List<Order> matching = book.select(query::matches);
            int from = (int) Math.min((long) (query.page() - 1) * query.pageSize(), matching.size());
            int to = Math.min(from + query.pageSize(), matching.size());
            boolean next = to < matching.size() || quirks.linkNextOnEveryPage();
            Map<String, String> headers = new LinkedHashMap<>(limitHeaders);
            headers.put("Link", links(pathPrefix, request, query, params, next));
            RequestFaults faults = request.faults();
            List<Order> page = matching.subList(from, to);
            byte[] body = faults.truncatesPage()
                    ? faults.truncate(OrderWriter.page(page, () -> false))
                    : OrderWriter.page(page, faults::corruptsRecord);
            return new Response(200, body, Response.JSON, headers);
        } catch (ToastError e) {
            throw e.withHeaders(limitHeaders);
        }
    }

    Response one(Request request) {
        Map<String, String> limitHeaders = gate.enter(request, false);
        try {
            String guid = request.pathParam("guid");
            if (!isGuid(guid)) {
                throw ToastError.badRequest("The GUID was malformed: " + guid);
            }
            Order order = book.find(guid).orElseThrow(() -> ToastError.notFound("The order " + guid + " was not found"));
            byte[] body = OrderWriter.single(order, request.faults().corruptsRecord());
            return new Response(200, body, Response.JSON, limitHeaders);
        } catch (ToastError e) {
            throw e.withHeaders(limitHeaders);
        }
    }

    /** RFC 5988 links that repeat the request's parameters; the first page's link has no {@code page}. */
    private static String links(String prefix, Request request, BulkQuery query, QueryParams params, boolean next) {
        String base = "http://" + request.header("Host").orElse("localhost") + prefix + request.rawPath();
        List<String> selection = new ArrayList<>();
        for (String name : query.selectionNames()) {
            selection.add(encode(name) + "=" + encode(params.first(name).orElseThrow()));
        }
        params.first("pageSize").ifPresent(size -> selection.add("pageSize=" + encode(size)));
        String first = base + "?" + String.join("&", selection);
        List<String> links = new ArrayList<>();
        links.add(link(first, "first"));
        links.add(link(first + "&page=" + query.page(), "self"));
        if (query.page() > 1) {
            links.add(link(first + "&page=" + (query.page() - 1), "prev"));
        }
        if (next) {
            links.add(link(first + "&page=" + (query.page() + 1), "next"));
        }
        return String.join(", ", links);
    }

    private static String link(String url, String rel) {
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isGuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
