package io.inflow.e2e;

import io.dropwizard.testing.ConfigOverride;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.inflow.server.InflowApplication;
import io.inflow.server.InflowConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An Inflow server for one test class: a fresh data folder, a fresh database of its own on the test JVM's
 * PostgreSQL ({@link TestPostgres}, given to the server as its external database), a plugins folder holding copies
 * of the jars the build put in the top-level {@code plugins/} folder, and direct SQL access for checks the API does
 * not show.
 */
final class TestServer {

    final Path dataDir;
    final Path pluginsDir;
    /** The server's database, for direct SQL. */
    final String jdbcUrl;
    final String jdbcUser;
    final DropwizardAppExtension<InflowConfiguration> app;

    /**
     * Dropwizard's config overrides live in system properties, shared by every server of the JVM: each server reads
     * its own under a prefix of its own, so that test classes running side by side never take each other's settings
     * (a data dir, a database).
     */
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private TestServer(int number, Path dataDir, Path pluginsDir, String jdbcUrl, String jdbcUser, Setting... extra) {
        this.dataDir = dataDir;
        this.pluginsDir = pluginsDir;
        this.jdbcUrl = jdbcUrl;
        this.jdbcUser = jdbcUser;
        String prefix = "inflow-test-" + number + ".";
        ConfigOverride[] overrides = Stream.concat(Stream.of(
                        setting("dataDir", dataDir.toString()),
                        setting("pluginsDir", pluginsDir.toString()),
                        setting("database.url", jdbcUrl),
                        setting("database.user", jdbcUser)),
                Arrays.stream(extra))
                .map(setting -> ConfigOverride.config(prefix, setting.key(), setting.value()))
                .toArray(ConfigOverride[]::new);
        this.app = new DropwizardAppExtension<>(InflowApplication.class,
                ResourceHelpers.resourceFilePath("inflow-test.yml"), prefix, overrides);
    }

    /** A setting of {@code inflow-test.yml} this server overrides, by its dotted key: {@code upstream.retryBudget}. */
    record Setting(String key, String value) {
    }

    static Setting setting(String key, String value) {
        return new Setting(key, value);
    }

    /** A node named {@code nodeName} on a database it shares with other nodes. */
    static TestServer node(String nodeName, SharedDatabase database, Setting... overrides) {
        Path plugins = stagePlugins(pluginsDir -> { });
        Setting[] settings = Stream.concat(Stream.of(setting("jobs.nodeName", nodeName)), Arrays.stream(overrides))
                .toArray(Setting[]::new);
        return new TestServer(SERVERS.incrementAndGet(), plugins.resolveSibling("data"), plugins, database.url(),
                database.user(), settings);
    }

    /**
     * A server with the built plugin jars, plus the extra jars staged by {@code extraPlugins}, on a fresh database of
     * the test JVM's PostgreSQL.
     */
    static TestServer withPlugins(PluginStager extraPlugins, Setting... overrides) {
        Path plugins = stagePlugins(extraPlugins);
        int number = SERVERS.incrementAndGet();
        TestPostgres postgres = TestPostgres.get();
        return new TestServer(number, plugins.resolveSibling("data"), plugins,
                postgres.createDatabase("inflow_test_" + number), postgres.user(), overrides);
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
        return query(sql, result -> {
            result.next();
            return result.getLong(1);
        });
    }

    /**
     * The value under {@code key} of a connection's state, opened with this server's secrets key (state values are
     * stored sealed), or null when there is none.
     */
    String stateValue(long connection, String key) {
        String sealed = queryString("SELECT value FROM connection_state WHERE connection_id = " + connection
                + " AND key = '" + key.replace("'", "''") + "'");
        if (sealed == null) {
            return null;
        }
        InflowConfiguration config = app.getConfiguration();
        io.inflow.server.secrets.SecretsKeyRing keys = io.inflow.server.secrets.SecretsKeys.load(config.secrets(),
                config.database().url().isEmpty(), config.dataDir());
        try {
            return new io.inflow.server.secrets.SecretEnvelope(keys).openState(sealed, connection, key);
        } catch (io.inflow.server.secrets.SecretUnreadableException e) {
            throw new AssertionError("state key " + key + " of connection " + connection + ": " + e.getMessage());
        }
    }

    String queryString(String sql) {
        return query(sql, result -> {
            result.next();
            return result.getString(1);
        });
    }

    /** The first column of every row the query answers, as text. */
    List<String> queryStrings(String sql) {
        return query(sql, result -> {
            List<String> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        });
    }

    /** Runs a statement on the server's database, as a test arranges data the API would not write. */
    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private interface ResultReader<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T query(String sql, ResultReader<T> reader) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return reader.read(result);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcUser, "");
    }
}
