package io.inflow.e2e;

import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * An Inflow node in a JVM of its own, started from the built server jar, so that a test can SIGKILL it. Closing
 * it stops it as an operator would (SIGTERM, so an embedded PostgreSQL stops with it), killing it only when it does
 * not stop within a minute.
 */
final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path log;

    private NodeProcess(Process process, int port, int adminPort, Path log) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    static NodeProcess start(String nodeName, SharedDatabase database) {
        return start(nodeName, database, Map.of());
    }

    /** A node with more environment variables, e.g. {@code INFLOW_WORKER_THREADS}. */
    static NodeProcess start(String nodeName, SharedDatabase database, Map<String, String> environment) {
        Path plugins = TestServer.stagePlugins(folder -> { });
        int port = ServerJar.freePort();
        int adminPort = ServerJar.freePort();
        ProcessBuilder builder = ServerJar.command(Map.of(
                "INFLOW_PORT", Integer.toString(port),
                "INFLOW_ADMIN_PORT", Integer.toString(adminPort),
                "INFLOW_DATABASE_URL", database.url(),
                "INFLOW_DATABASE_USER", database.user(),
                "INFLOW_DATA_DIR", plugins.resolveSibling("data").toString(),
                "INFLOW_PLUGINS_DIR", plugins.toString(),
                "INFLOW_NODE_NAME", nodeName,
                "INFLOW_ADMIN_KEY", TestKeys.ADMIN), "server", ResourceHelpers.resourceFilePath("node-process.yml"));
        builder.environment().putAll(environment);
        return start(nodeName, port, adminPort, builder);
    }

    /** A server as the README runs it ({@code config.yml}), with an embedded PostgreSQL in {@code dataDir}, no plugins. */
    static NodeProcess startEmbedded(Path dataDir) {
        return startEmbedded(dataDir, Map.of());
    }

    /** The same with more environment variables, e.g. {@code INFLOW_VIEWER_KEY}. */
    static NodeProcess startEmbedded(Path dataDir, Map<String, String> environment) {
        int port = ServerJar.freePort();
        int adminPort = ServerJar.freePort();
        ProcessBuilder builder = ServerJar.command(ServerJar.embedded(dataDir, port, adminPort),
                "server", ServerJar.CONFIG.toString());
        builder.environment().putAll(environment);
        return start("embedded", port, adminPort, builder);
    }

    private static NodeProcess start(String name, int port, int adminPort, ProcessBuilder builder) {
        try {
            Path log = Files.createTempFile("inflow-" + name, ".log");
            NodeProcess node = new NodeProcess(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                    port, adminPort, log);
            try {
                node.awaitHealthy(Duration.ofSeconds(90));
            } catch (RuntimeException | IOException e) {
                node.process.destroyForcibly();
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the node printed so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The node's answer to {@code GET /api/v1/health}. */
    int healthStatus() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api("/health")))
                        .header("Authorization", "Bearer " + TestKeys.ADMIN).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String api(String path) {
        return "http://localhost:" + port + "/api/v1" + path;
    }

    /** A URL of Dropwizard's admin port: {@code /metrics}, {@code /tasks/gc}. */
    String admin(String path) {
        return "http://localhost:" + adminPort + path;
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** Kills the JVM with SIGKILL: no shutdown hook, no managed stop, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the node did not die");
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited at start-up:\n" + Files.readString(log));
            }
            try {
                if (healthStatus() == 200) {
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
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
