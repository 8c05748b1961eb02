package io.inflow.server.resilience;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that answers each request with the next scripted answer, then with the last one, and keeps
 * what it received.
 */
final class ScriptedUpstream implements AutoCloseable {

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    /** A request as it arrived: when (nanoTime), its method, path, headers and body. */
    record Received(long nanos, String method, String path, Map<String, List<String>> headers, String body) {
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Answer last;

    ScriptedUpstream(Answer... answers) throws IOException {
        for (Answer answer : answers) {
            script.add(answer);
        }
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(System.nanoTime(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer answer = next();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    private synchronized Answer next() {
        if (!script.isEmpty()) {
            last = script.poll();
        }
        return last;
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/records";
    }

    int requests() {
        return received.size();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
