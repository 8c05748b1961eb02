package io.inflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built server jar, run as the README tells an operator to: {@code java -jar inflow-server.jar <command>
 * config.yml}, with the top-level {@code config.yml} and {@code INFLOW_*} variables.
 */
final class ServerJar {

    static final Path JAR = Path.of(System.getProperty("inflow.server.jar", "../server/target/inflow-server.jar"));
    static final Path CONFIG = Path.of(System.getProperty("inflow.config.file", "../config.yml"));

    private ServerJar() {
    }

    /**
     * The variables of a server with an embedded PostgreSQL in {@code dataDir}, no plugins, on the given ports. An
     * {@code INFLOW_DATABASE_URL} of the test JVM's environment is blanked: these servers run embedded.
     */
    static Map<String, String> embedded(Path dataDir, int port, int adminPort) {
        try {
            Map<String, String> environment = new HashMap<>();
            environment.put("INFLOW_DATA_DIR", dataDir.toString());
            environment.put("INFLOW_PLUGINS_DIR", Files.createDirectories(dataDir.resolveSibling("plugins")).toString());
            environment.put("INFLOW_PLUGINS_WATCH", "false");
            environment.put("INFLOW_PORT", Integer.toString(port));
            environment.put("INFLOW_ADMIN_PORT", Integer.toString(adminPort));
            environment.put("INFLOW_ADMIN_KEY", TestKeys.ADMIN);
            environment.put("INFLOW_DATABASE_URL", "");
            environment.put("INFLOW_SECRETS_KEY", "");
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java -jar inflow-server.jar arguments...} with these variables added to the test JVM's. The JVM compiles
     * with C1 only and collects serially: a node of a test lives for seconds, and the optimizing compiler's threads
     * would take the CPU the tests beside it need.
     */
    static ProcessBuilder command(Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return builder;
    }

    /** What a command printed and how it ended. */
    record Outcome(int exitCode, String out, String err) {

        /** Stdout then stderr, for assertion messages. */
        String all() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command to its end, which must come within {@code timeout}. */
    static Outcome run(Map<String, String> environment, Duration timeout, String... arguments) {
        try {
            Path out = Files.createTempFile("inflow-command", ".out");
            Path err = Files.createTempFile("inflow-command", ".err");
            Process process = command(environment, arguments)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(List.of(arguments) + " did not end within " + timeout + ":\n"
                        + Files.readString(out) + Files.readString(err));
            }
            Outcome outcome = new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
