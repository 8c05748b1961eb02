package io.inflow.e2e;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.inflow.server.InflowApplication;
import io.inflow.server.InflowConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An Inflow server for one test class: a fresh data folder (so a fresh embedded PostgreSQL), a plugins folder
 * holding copies of the jars the build put in the top-level {@code plugins/} folder, and direct SQL access for
 * checks the API does not show.
 */
final class TestServer {

    final Path dataDir;
    final Path pluginsDir;
    final int postgresPort;
    final DropwizardAppExtension<InflowConfiguration> app;

    private TestServer(Path dataDir, Path pluginsDir, int postgresPort, ConfigOverride... extra) {
        forgetOverridesOfEarlierServers();
        this.dataDir = dataDir;
        this.pluginsDir = pluginsDir;
        this.postgresPort = postgresPort;
        ConfigOverride[] overrides = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                        ConfigOverride.config("dataDir", dataDir.toString()),
                        ConfigOverride.config("pluginsDir", pluginsDir.toString()),
                        ConfigOverride.config("database.embeddedPort", Integer.toString(postgresPort))),
                java.util.Arrays.stream(extra)).toArray(ConfigOverride[]::new);
        this.app = new DropwizardAppExtension<>(InflowApplication.class,
                ResourceHelpers.resourceFilePath("inflow-test.yml"), overrides);
    }

    /**
     * Dropwizard's config overrides live in {@code dw.*} system properties; a test class that restarts its servers
     * by hand can leave some behind, which would point the next class's server at another database.
     */
    private static void forgetOverridesOfEarlierServers() {
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("dw."))
                .forEach(System::clearProperty);
    }

    /** A node named {@code nodeName} on a database it shares with other nodes. */
    static TestServer node(String nodeName, SharedDatabase database) {
        Path plugins = stagePlugins(pluginsDir -> { });
        return new TestServer(plugins.resolveSibling("data"), plugins, 0,
                ConfigOverride.config("database.url", database.url()),
                ConfigOverride.config("database.user", database.user()),
                ConfigOverride.config("jobs.nodeName", nodeName));
    }

    /** A server with the built plugin jars, plus the extra jars staged by {@code extraPlugins}. */
    static TestServer withPlugins(PluginStager extraPlugins, ConfigOverride... overrides) {
        try {
            Path plugins = stagePlugins(extraPlugins);
            return new TestServer(plugins.resolveSibling("data"), plugins, freePort(), overrides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh plugins folder with copies of the built plugin jars and whatever {@code extra} adds. */
    static Path stagePlugins(PluginStager extra) {
        try {
            Path root = Files.createTempDirectory("inflow-e2e");
            Path plugins = Files.createDirectories(root.resolve("plugins"));
            Path built = Path.of(System.getProperty("inflow.plugins.dir", "../plugins"));
            try (var jars = Files.list(built)) {
                for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, plugins.resolve(jar.getFileName()));
                }
            }
            extra.stage(plugins);
            return plugins;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts more jars into a plugins folder before the server starts. */
    interface PluginStager {
        void stage(Path pluginsDir) throws IOException;
    }

    String api(String path) {
        return "http://localhost:" + app.getLocalPort() + "/api/v1" + path;
    }

    long queryLong(String sql) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgresPort + "/inflow", "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
