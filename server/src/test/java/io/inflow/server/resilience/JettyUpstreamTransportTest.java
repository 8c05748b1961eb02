package io.inflow.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inflow.server.resilience.ScriptedUpstream.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyUpstreamTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final JettyUpstreamTransport transport = new JettyUpstreamTransport(Duration.ofSeconds(2));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aRequestWhoseConnectionIsClosedWithoutAnAnswerReachesTheUpstreamOnce() throws Exception {
        try (SilentUpstream upstream = new SilentUpstream(SilentUpstream.Behaviour.CLOSE)) {
            assertThatThrownBy(() -> transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofString(), TIMEOUT))
                    .isInstanceOf(UpstreamUnreachableException.class)
                    .hasMessage("localhost:" + URI.create(upstream.url()).getPort()
                            + ": the connection was closed before a complete answer came");

            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    /** Why Inflow does not send with the JDK's client: this resend passes no rate limiter. */
    @Test
    void theJdksClientSendsSuchARequestTwice() throws Exception {
        try (SilentUpstream upstream = new SilentUpstream(SilentUpstream.Behaviour.CLOSE)) {
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            assertThatThrownBy(() -> jdk.send(get(upstream.url()), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);

            assertThat(upstream.requests()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedConnectionIsSaidInWords() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThatThrownBy(() -> transport.send(get("http://localhost:" + port + "/"),
                HttpResponse.BodyHandlers.ofString(), TIMEOUT))
                .isInstanceOf(UpstreamUnreachableException.class)
                .hasMessageStartingWith("localhost:" + port + ": connection refused");
    }

    @Test
    void anUpstreamThatNeverAnswersTimesOutAndSaysAfterHowLong() throws Exception {
        try (SilentUpstream upstream = new SilentUpstream(SilentUpstream.Behaviour.HANG)) {
            assertThatThrownBy(() -> transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofString(),
                    Duration.ofMillis(300)))
                    .isInstanceOf(UpstreamUnreachableException.class)
                    .hasMessageEndingWith(": no answer: timed out after 300 ms");
            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    @Test
    void aTlsHandshakeWithAPlainHttpServerFailsInWords() throws Exception {
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread server = new Thread(() -> {
                try (java.net.Socket connection = plain.accept()) {
                    connection.getOutputStream().write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    connection.getOutputStream().flush();
                    Thread.sleep(1_000);
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            server.setDaemon(true);
            server.start();

            assertThatThrownBy(() -> transport.send(get("https://localhost:" + plain.getLocalPort() + "/"),
                    HttpResponse.BodyHandlers.ofString(), TIMEOUT))
                    .isInstanceOf(UpstreamUnreachableException.class)
                    .hasMessageStartingWith("localhost:" + plain.getLocalPort() + ": TLS");
        }
    }

    @Test
    void anUnknownHostIsSaidInWords() {
        assertThatThrownBy(() -> transport.send(get("http://no-such-host.invalid/"),
                HttpResponse.BodyHandlers.ofString(), TIMEOUT))
                .isInstanceOf(UpstreamUnreachableException.class)
                .hasMessage("no-such-host.invalid:80: the host name does not resolve (DNS)");
    }

    @Test
    void sendsTheMethodHeadersAndBodyAndReadsTheAnswerWithTheConnectorsHandler() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(201, "{\"created\":true}", Map.of("X-Upstream", "yes")))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(upstream.url()))
                    .header("Authorization", "Bearer token")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                    .build();

            HttpResponse<String> answer = transport.send(request, HttpResponse.BodyHandlers.ofString(), TIMEOUT);

            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo("{\"created\":true}");
            assertThat(answer.headers().firstValue("x-upstream")).contains("yes");
            assertThat(answer.uri()).isEqualTo(request.uri());
            ScriptedUpstream.Received received = upstream.received().get(0);
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.headers().get("Authorization")).containsExactly("Bearer token");
            assertThat(received.body()).isEqualTo("{\"name\":\"x\"}");
        }
    }

    @Test
    void everyStandardBodyHandlerGetsTheWholeBody() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Answer.of(200, "héllo"))) {
            assertThat(transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofByteArray(), TIMEOUT).body())
                    .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
            try (InputStream in = transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofInputStream(),
                    TIMEOUT).body()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("héllo");
            }
            assertThat(transport.send(get(upstream.url()), HttpResponse.BodyHandlers.discarding(), TIMEOUT)
                    .statusCode()).isEqualTo(200);
            assertThat(transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofLines(), TIMEOUT).body()
                    .toList()).containsExactly("héllo");
        }
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(
                new Answer(302, "", Map.of("Location", "/elsewhere")), Answer.of(200, "followed"))) {
            HttpResponse<String> answer = transport.send(get(upstream.url()), HttpResponse.BodyHandlers.ofString(),
                    TIMEOUT);

            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(upstream.requests()).isEqualTo(1);
        }
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET().build();
    }
}
