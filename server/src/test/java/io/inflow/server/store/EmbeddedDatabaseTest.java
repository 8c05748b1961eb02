package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void runsWithDurableSettingsAndKeepsDataAcrossARestart() throws Exception {
        Path folder = dataDir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(folder, 0, "test")) {
            assertThat(setting(first, "fsync")).isEqualTo("on");
            assertThat(setting(first, "synchronous_commit")).isEqualTo("on");
            execute(first, "CREATE TABLE kept (n int)", "INSERT INTO kept VALUES (42)");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(folder, 0, "test")) {
            assertThat(query(second, "SELECT n FROM kept")).isEqualTo("42");
        }
    }

    @Test
    void startsOnAFolderWhosePostgresOutlivedAKilledJvm() throws Exception {
        Path folder = dataDir.resolve("postgres");
        ChildJvm.start(StartEmbeddedDatabase.class, folder).kill();
        ProcessHandle orphan = OrphanPostmaster.find(folder).orElseThrow();
        assertThat(orphan.isAlive()).as("PostgreSQL outlives the JVM killed with SIGKILL").isTrue();

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(folder, 0, "test")) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(query(restarted, "SELECT n FROM committed_before_the_kill")).isEqualTo("7");
        }
        assertThat(Files.exists(folder.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void refusesAFolderWhosePostgresBelongsToALiveProcessAndLeavesItRunning() throws Exception {
        Path folder = dataDir.resolve("postgres");
        try (ChildJvm owner = ChildJvm.start(StartEmbeddedDatabase.class, folder)) {
            ProcessHandle postmaster = OrphanPostmaster.find(folder).orElseThrow();
            int port = PostmasterPid.read(folder).orElseThrow().port().orElseThrow();

            assertThatThrownBy(() -> EmbeddedDatabase.start(folder, 0, "test"))
                    .isInstanceOf(DataDirInUseException.class)
                    .hasMessageContaining("is in use by Inflow pid " + owner.pid() + " (test child, since ")
                    .hasMessageContaining("whose PostgreSQL listens on port " + port)
                    .hasMessageContaining("INFLOW_DATABASE_URL=jdbc:postgresql://localhost:" + port + "/inflow");

            assertThat(postmaster.isAlive()).isTrue();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/inflow", "postgres", "");
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT n FROM committed_before_the_kill")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(7);
            }
        }
        // the owner was killed: its PostgreSQL is an orphan now, and the next start stops it
        try (EmbeddedDatabase next = EmbeddedDatabase.start(folder, 0, "test")) {
            assertThat(query(next, "SELECT n FROM committed_before_the_kill")).isEqualTo("7");
        }
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
