package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void runsWithDurableSettingsAndKeepsDataAcrossARestart() throws Exception {
        Path folder = dataDir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(folder, 0)) {
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
            execute(first, "CREATE TABLE kept (n int)", "INSERT INTO kept VALUES (42)");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(folder, 0)) {
            assertThat(query(second, "SELECT n FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void startsOnAFolderWhosePostgresOutlivedAKilledJvm() throws Exception {
        Path folder = dataDir.resolve("postgres");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StartEmbeddedDatabase.class.getName(), folder.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.startsWith(StartEmbeddedDatabase.READY)) {
                // skip the child's log lines
            }
            assertThat(line).as("the child JVM started PostgreSQL").isNotNull();
        }
        jvm.destroyForcibly();
        assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = OrphanPostmaster.find(folder).orElseThrow();
        assertThat(orphan.isAlive()).as("PostgreSQL outlives the JVM killed with SIGKILL").isTrue();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(folder, 0)) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(restarted, "SELECT n FROM committed_before_the_kill")).isEqualTo("7");
        }
        assertThat(Files.exists(folder.resolve("postmaster.pid"))).isFalse();
    }

    private static String setting(EmbeddedDatabase database, String name) throws Exception {
        return query(database, "SHOW " + name);
    }

    private static String query(EmbeddedDatabase database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    static void execute(EmbeddedDatabase database, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
