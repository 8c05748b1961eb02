package io.inflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does to a data dir with the server jar, each command a process of its own, as the README shows:
 * a {@code db} command or a second server on a data dir in use is refused and leaves the live server alone; the
 * PostgreSQL of a server killed with SIGKILL is still stopped by the next start; a start on a taken port, without
 * an API key or with a configuration that cannot be read says so in one line and leaves nothing running, and so
 * does a SIGTERM while the server is still starting.
 */
class OperatorCommandsTest {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path root;

    @Test
    void aDbCommandOrASecondServerOnADataDirInUseIsRefusedAndTheLiveServerKeepsRunning() throws Exception {
        Path dataDir = root.resolve("data");
        try (NodeProcess live = NodeProcess.startEmbedded(dataDir)) {
            Postmaster postgres = Postmaster.of(dataDir).orElseThrow();
            String refusal = "The data dir " + dataDir + " is in use by Inflow pid " + live.pid() + " (server, since ";
            String liveUrl = "jdbc:postgresql://localhost:" + postgres.port() + "/inflow";

            ServerJar.Outcome status = ServerJar.run(ServerJar.embedded(dataDir, ServerJar.freePort(), ServerJar.freePort()),
                    COMMAND_TIMEOUT, "db", "status", ServerJar.CONFIG.toString());
            ServerJar.Outcome secondServer = ServerJar.run(ServerJar.embedded(dataDir, ServerJar.freePort(),
                    ServerJar.freePort()), COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());

            for (ServerJar.Outcome refused : List.of(status, secondServer)) {
                assertThat(refused.exitCode()).as(refused.all()).isNotZero();
                assertThat(refused.err()).as(refused.all()).startsWith(refusal)
                        .contains("whose PostgreSQL listens on port " + postgres.port())
                        .contains("Stop that process first")
                        .contains("INFLOW_DATABASE_URL=" + liveUrl + " and INFLOW_DATABASE_USER=postgres")
                        .hasLineCount(1);
                assertNoStackTrace(refused);
            }
            assertThat(Postmaster.of(dataDir)).as("the same PostgreSQL runs").contains(postgres);
            assertThat(ProcessHandle.of(postgres.pid()).map(ProcessHandle::isAlive)).contains(true);
            assertThat(query(postgres.port(), "SELECT count(*) FROM connections")).isEqualTo("0");
            assertThat(live.healthStatus()).isEqualTo(200);

            Map<String, String> towardsTheLiveDatabase = new HashMap<>(ServerJar.embedded(dataDir,
                    ServerJar.freePort(), ServerJar.freePort()));
            towardsTheLiveDatabase.putAll(Map.of("INFLOW_DATABASE_URL", liveUrl, "INFLOW_DATABASE_USER", "postgres"));
            ServerJar.Outcome advised = ServerJar.run(towardsTheLiveDatabase, COMMAND_TIMEOUT,
                    "db", "status", ServerJar.CONFIG.toString());
            assertThat(advised.exitCode()).as(advised.all()).isZero();
            assertThat(advised.out()).as(advised.all()).contains(liveUrl + " is up to date");
            assertThat(live.healthStatus()).isEqualTo(200);
        }
    }

    @Test
    void theNextStartStopsThePostgresOfAServerKilledWithSigkillAndKeepsItsData() throws Exception {
        Path dataDir = root.resolve("data");
        Postmaster orphan;
        try (NodeProcess killed = NodeProcess.startEmbedded(dataDir)) {
            orphan = Postmaster.of(dataDir).orElseThrow();
            execute(orphan.port(), "CREATE TABLE committed_before_the_kill (n int)",
                    "INSERT INTO committed_before_the_kill VALUES (7)");
            killed.kill();
        }
        assertThat(ProcessHandle.of(orphan.pid()).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlives its server killed with SIGKILL").contains(true);

        try (NodeProcess next = NodeProcess.startEmbedded(dataDir)) {
            Postmaster postgres = Postmaster.of(dataDir).orElseThrow();
            assertThat(ProcessHandle.of(orphan.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(postgres.pid()).isNotEqualTo(orphan.pid());
            assertThat(query(postgres.port(), "SELECT n FROM committed_before_the_kill")).isEqualTo("7");
            assertThat(next.healthStatus()).isEqualTo(200);
        }
        assertNothingLeftRunningOn(dataDir);
    }

    @Test
    void aStartOnATakenPortSaysSoInOneLineAndLeavesNoPostgresAndNoLockBehind() throws Exception {
        Path dataDir = root.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            ServerJar.Outcome start = ServerJar.run(ServerJar.embedded(dataDir, taken.getLocalPort(),
                    ServerJar.freePort()), COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());

            assertThat(start.exitCode()).as(start.all()).isNotZero();
            assertThat(start.out()).as("PostgreSQL was up before the port failed")
                    .contains("Embedded PostgreSQL is up on port");
            assertThat(start.err()).as(start.all())
                    .isEqualTo("port " + taken.getLocalPort() + " is in use; set INFLOW_PORT\n");
            assertNoStackTrace(start);
            assertThat(start.out()).as("Liquibase migrated the schema, telling only the log")
                    .doesNotContain("Running Changeset").doesNotContain("UPDATE SUMMARY")
                    .doesNotContain("Update has been successful");
        }
        assertNothingLeftRunningOn(dataDir);
    }

    @Test
    void aStartWithoutAnApiKeyOrWithAConfigurationItCannotReadSaysSoInOneLine() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> withoutKey = new HashMap<>(ServerJar.embedded(dataDir, ServerJar.freePort(),
                ServerJar.freePort()));
        withoutKey.put("INFLOW_ADMIN_KEY", "");
        Path misspelt = Files.writeString(root.resolve("misspelt.yml"), Files.readString(ServerJar.CONFIG)
                .replace("jobs:\n  workerThreads: 4\n", "jobs:\n  workerThread: 4\n"));

        ServerJar.Outcome keyless = ServerJar.run(withoutKey, COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());
        ServerJar.Outcome unreadable = ServerJar.run(ServerJar.embedded(dataDir, ServerJar.freePort(),
                ServerJar.freePort()), COMMAND_TIMEOUT, "server", misspelt.toString());
        withoutKey.put("INFLOW_LOG_LEVEL", "DEBUG");
        ServerJar.Outcome debugged = ServerJar.run(withoutKey, COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());

        assertThat(keyless.exitCode()).as(keyless.all()).isNotZero();
        assertThat(keyless.err()).as(keyless.all()).isEqualTo("no API key is configured: set INFLOW_ADMIN_KEY, or add "
                + "auth.keys to the configuration (java -jar inflow-server.jar generate-key prints a key and its hash)\n");
        assertNoStackTrace(keyless);
        assertThat(unreadable.exitCode()).as(unreadable.all()).isNotZero();
        assertThat(unreadable.err()).as(unreadable.all())
                .startsWith(misspelt + " has an error: Unrecognized field at: jobs.workerThread (did you mean ")
                .contains("workerThreads").hasLineCount(1);
        assertNoStackTrace(unreadable);
        assertThat(debugged.exitCode()).as(debugged.all()).isNotZero();
        assertThat(debugged.err()).as("with INFLOW_LOG_LEVEL=DEBUG the same line").isEqualTo(keyless.err());
        assertThat(debugged.out()).as("and the stack trace in the log").contains("at io.inflow.server.auth.ApiKeyRing.of");
        assertThat(dataDir.resolve("postgres")).as("refused before any PostgreSQL started").doesNotExist();
    }

    @Test
    void anExternalDatabaseWithoutASecretsKeyIsRefusedInOneLineAndTheEmbeddedOneKeepsAKeyBesideItsFolder()
            throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> external = new HashMap<>(ServerJar.embedded(dataDir, ServerJar.freePort(),
                ServerJar.freePort()));
        external.put("INFLOW_DATABASE_URL", "jdbc:postgresql://localhost:1/inflow");

        ServerJar.Outcome refused = ServerJar.run(external, COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());
        ServerJar.Outcome generated = ServerJar.run(Map.of(), COMMAND_TIMEOUT, "generate-secrets-key");

        assertThat(refused.exitCode()).as(refused.all()).isNotZero();
        assertThat(refused.err()).as(refused.all()).startsWith("No secrets key: with an external database")
                .contains("INFLOW_SECRETS_KEY").contains("generate-secrets-key").hasLineCount(1);
        assertNoStackTrace(refused);
        assertThat(generated.exitCode()).as(generated.all()).isZero();
        assertThat(generated.out().trim()).matches("[A-Za-z0-9+/]{43}=");
        try (NodeProcess node = NodeProcess.startEmbedded(dataDir)) {
            Path key = dataDir.resolve("secrets.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Files.readString(key)).contains("Back it up");
            assertThat(dataDir.resolve("postgres")).isDirectory();
            assertThat(node.log()).contains("Created the secrets key " + key.toAbsolutePath());
        }
    }

    @Test
    void aStartOnATakenAdminPortNamesItsVariable() throws Exception {
        Path dataDir = root.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            ServerJar.Outcome start = ServerJar.run(ServerJar.embedded(dataDir, ServerJar.freePort(),
                    taken.getLocalPort()), COMMAND_TIMEOUT, "server", ServerJar.CONFIG.toString());

            assertThat(start.exitCode()).as(start.all()).isNotZero();
            assertThat(start.err()).as(start.all())
                    .isEqualTo("port " + taken.getLocalPort() + " is in use; set INFLOW_ADMIN_PORT\n");
        }
        assertNothingLeftRunningOn(dataDir);
    }

    @Test
    void aSigtermWhileTheServerIsStillStartingStopsItsPostgres() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> environment = ServerJar.embedded(dataDir, ServerJar.freePort(), ServerJar.freePort());
        String marker = "hanging plugin is starting";
        TestJars.writePluginThatHangsOnStart(Path.of(environment.get("INFLOW_PLUGINS_DIR")).resolve("hanging.jar"),
                marker);
        Process server = ServerJar.command(environment, "server", ServerJar.CONFIG.toString())
                .redirectErrorStream(true).start();
        try {
            String output = CompletableFuture.supplyAsync(() -> linesUntil(server, marker))
                    .get(2, TimeUnit.MINUTES);
            assertThat(output).as("PostgreSQL is up, Jetty not started yet: a plugin is loading")
                    .contains("Embedded PostgreSQL is up on port").contains(marker);

            server.destroy();

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server ended on SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
        }
        assertNothingLeftRunningOn(dataDir);
    }

    /** The process's output up to and including the first line that contains {@code marker}. */
    private static String linesUntil(Process process, String marker) {
        StringBuilder output = new StringBuilder();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.contains(marker)) {
                    return output.toString();
                }
            }
            throw new AssertionError("the server ended before '" + marker + "':\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No postmaster on the data dir's PostgreSQL folder, and its lock free for the next process. */
    private static void assertNothingLeftRunningOn(Path dataDir) throws IOException {
        Path postgresDir = dataDir.resolve("postgres");
        assertThat(Postmaster.of(dataDir).flatMap(postmaster -> ProcessHandle.of(postmaster.pid()))
                .filter(ProcessHandle::isAlive)).as("the postmaster of postmaster.pid").isEmpty();
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(postgresDir.toString()))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .toList()).as("processes on " + postgresDir).isEmpty();
        try (FileChannel channel = FileChannel.open(dataDir.resolve("postgres.lock"), StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            assertThat(lock).as("the data dir's lock is free").isNotNull();
        }
    }

    private static void assertNoStackTrace(ServerJar.Outcome outcome) {
        assertThat(outcome.out() + outcome.err()).as(outcome.all())
                .doesNotContain("\tat ").doesNotContain("! at ").doesNotContain("Exception");
    }

    /** The pid and port PostgreSQL wrote into {@code postmaster.pid}, while the file is there. */
    private record Postmaster(long pid, int port) {

        static Optional<Postmaster> of(Path dataDir) throws IOException {
            Path file = dataDir.resolve("postgres").resolve("postmaster.pid");
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
        }
    }

    private static String query(int port, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/inflow",
                "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(int port, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/inflow",
                "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
