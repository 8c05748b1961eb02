package io.inflow.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server on a free loopback port that answers from a script: each request gets the next answer, and the
 * last answer repeats. An answer may also break off midway, as a broken upstream or connection does.
 */
final class FakeUpstream implements AutoCloseable {

    /** One scripted answer; {@link #BROKEN_OFF} announces a body and closes the connection a few bytes into it. */
    record Answer(int status, String body, Map<String, String> headers) {

        static final Answer BROKEN_OFF = new Answer(200, "{\"re", Map.of());

        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, Map.copyOf(more));
        }
    }

    private final HttpServer server;
    private final List<Answer> script;
    private int served;

    private FakeUpstream(List<Answer> script) {
        this.script = List.copyOf(script);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    static FakeUpstream answering(Answer... script) {
        return new FakeUpstream(List.of(script));
    }

    static FakeUpstream answering(int status, String body) {
        return answering(Answer.of(status, body));
    }

    private void answer(HttpExchange exchange) throws IOException {
        Answer answer;
        synchronized (this) {
            answer = script.get(Math.min(served, script.size() - 1));
            served++;
        }
        exchange.getRequestBody().readAllBytes();
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer == Answer.BROKEN_OFF) {
            exchange.sendResponseHeaders(answer.status(), 1_000);
            exchange.getResponseBody().write(body);
            exchange.getResponseBody().flush();
            // fewer bytes than announced: the server closes the connection, the client reads an early end
            exchange.close();
            return;
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Requests answered (or dropped) so far. */
    synchronized int requests() {
        return served;
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + path)).build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
