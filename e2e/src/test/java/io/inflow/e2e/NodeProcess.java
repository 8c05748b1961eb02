package io.inflow.e2e;

import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An Inflow node in a JVM of its own, started from the built server jar, so that a test can SIGKILL it. */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static NodeProcess start(String nodeName, SharedDatabase database) {
        try {
            Path plugins = TestServer.stagePlugins(folder -> { });
            Path log = Files.createTempFile("inflow-" + nodeName, ".log");
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-jar", System.getProperty("inflow.server.jar", "../server/target/inflow-server.jar"),
                    "server", ResourceHelpers.resourceFilePath("node-process.yml"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "INFLOW_PORT", Integer.toString(port),
                    "INFLOW_ADMIN_PORT", Integer.toString(freePort()),
                    "INFLOW_DATABASE_URL", database.url(),
                    "INFLOW_DATABASE_USER", database.user(),
                    "INFLOW_DATA_DIR", plugins.resolveSibling("data").toString(),
                    "INFLOW_PLUGINS_DIR", plugins.toString(),
                    "INFLOW_NODE_NAME", nodeName,
                    "INFLOW_ADMIN_KEY", TestKeys.ADMIN));
            NodeProcess node = new NodeProcess(builder.start(), port, log);
            node.awaitHealthy(Duration.ofSeconds(90));
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String api(String path) {
        return "http://localhost:" + port + "/api/v1" + path;
    }

    /** Kills the JVM with SIGKILL: no shutdown hook, no managed stop, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the node did not die");
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited at start-up:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(api("/health")))
                                .header("Authorization", "Bearer " + TestKeys.ADMIN).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            process.onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
        }
        throw new IllegalStateException("the node was not healthy within " + timeout + ":\n" + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
