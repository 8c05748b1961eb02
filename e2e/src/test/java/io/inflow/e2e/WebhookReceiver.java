package io.inflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver in the test (the JDK's HTTP server on a loopback port): it records every request and answers
 * what the test tells it to, and can go away and come back on the same port. Signatures are verified with the
 * JDK's HMAC, as the Standard Webhooks specification says, never with Inflow's code.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request received. */
    record Received(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String webhookId() {
            return header("Webhook-id");
        }

        JsonNode json() {
            return Json.parse(body);
        }

        /** Whether {@code webhook-signature} is the HMAC-SHA256 of {@code id.timestamp.body} under the secret. */
        boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
                String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                        (webhookId() + "." + header("Webhook-timestamp") + "." + body)
                                .getBytes(StandardCharsets.UTF_8)));
                String sent = header("Webhook-signature");
                return sent != null && List.of(sent.split(" ")).contains(expected);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** How the receiver answers a request. */
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    static Answer status(int code) {
        return exchange -> {
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        };
    }

    static Answer body(int code, String text) {
        return exchange -> {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    static Answer redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        };
    }

    /** Holds the request without answering until {@code release} counts down (or a minute passed). */
    static Answer hang(CountDownLatch release) {
        return exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        };
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile Answer answer = status(204);
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    static WebhookReceiver start() {
        WebhookReceiver receiver = new WebhookReceiver(ServerJar.freePort());
        receiver.up();
        return receiver;
    }

    /** The URL a subscription posts to. */
    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    void answer(Answer next) {
        answer = next;
    }

    /** Listens (again) on its port. */
    void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            answer.answer(exchange);
        });
        server.start();
    }

    /** Stops listening: a connection to its port is refused. */
    void down() {
        server.stop(0);
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<Received> receivedAt(String path) {
        return received().stream().filter(request -> request.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
