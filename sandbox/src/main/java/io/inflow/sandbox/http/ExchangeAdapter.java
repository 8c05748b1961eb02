package io.inflow.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bridges the JDK's HttpServer to {@link Handler}: reads the whole request, writes the whole answer. */
public final class ExchangeAdapter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAdapter.class);

    private final Handler handler;

    public ExchangeAdapter(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            // read the body fully even when unused, so the connection can be kept alive
            byte[] body = exchange.getRequestBody().readAllBytes();
            Response response = answer(toRequest(exchange, body));
            write(exchange, response);
        } finally {
            exchange.close();
        }
    }

    private Response answer(Request request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            LOG.error("failed to answer {} {}", request.method(), request.target(), e);
            return Response.json(500, Json.fields("error", Json.fields("type", "SERVER_ERROR", "message", "Server error")));
        }
    }

    private static Request toRequest(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            List<String> nonNull = values == null ? List.of() : values;
            if (!nonNull.isEmpty()) {
                headers.put(name, nonNull.get(0));
            }
        });
        return Request.of(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = response.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
