package io.inflow.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges the JDK's HttpServer to {@link Responder}: reads the whole request, then writes the whole
 * answer, now or later, or drops the connection unanswered.
 */
public final class ExchangeAdapter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeAdapter.class);

    private final Responder responder;
    private final ScheduledExecutorService delays;

    /** {@code delays} sends late answers, so that a slow answer holds no server thread while it waits. */
    public ExchangeAdapter(Responder responder, ScheduledExecutorService delays) {
        this.responder = responder;
        this.delays = delays;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            // read the body fully even when unused, so the connection can be kept alive
            byte[] body = exchange.getRequestBody().readAllBytes();
            reply = answer(toRequest(exchange, body));
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        if (reply.drops()) {
            throw new ConnectionDropped();
        }
        if (reply.delay().isZero()) {
            send(exchange, reply.response());
            return;
        }
        try {
            delays.schedule(() -> sendLate(exchange, reply.response()), reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            exchange.close();
        }
    }

    private Reply answer(Request request) {
        try {
            return responder.reply(request);
        } catch (RuntimeException e) {
            LOG.error("failed to answer {} {}", request.method(), request.target(), e);
            return Reply.now(Response.json(500, Json.fields("error", Json.fields("type", "SERVER_ERROR", "message", "Server error"))));
        }
    }

    private static void sendLate(HttpExchange exchange, Response response) {
        try {
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("the client left before its late answer: {}", e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        try {
            write(exchange, response);
        } finally {
            exchange.close();
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

    /**
     * Thrown out of the handler to drop a connection. The JDK server then closes the socket before
     * anything was written, so the client sees the connection end with no answer, and it also
     * forgets the connection; closing the exchange ourselves without answering would leave the
     * connection in the server's books for good, about 5 KB each.
     */
    private static final class ConnectionDropped extends IOException {
        ConnectionDropped() {
            super("connection dropped by fault injection", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
