package io.inflow.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import liquibase.Scope;
import liquibase.ui.ConsoleUIService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * What Liquibase tells while it updates a schema goes to the log, not to its console (the server's standard output,
 * where it lands raw between the log's lines).
 */
class LiquibaseUpdateTest {

    @RegisterExtension
    final TestDatabase database = new TestDatabase();

    @TempDir
    Path changelogs;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Level liquibaseLevel;
    private PrintStream consoleBefore;

    @BeforeEach
    void listen() {
        database.endpoint(); // the shared database is up and migrated before anything is captured
        liquibaseLevel = liquibase().getLevel();
        liquibase().setLevel(Level.INFO);
        log.start();
        liquibase().addAppender(log);
        ConsoleUIService ui = consoleUi();
        consoleBefore = ui.getOutputStream();
        ui.setOutputStream(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        consoleUi().setOutputStream(consoleBefore);
        liquibase().detachAppender(log);
        liquibase().setLevel(liquibaseLevel);
    }

    @Test
    void theChangesetsItRunsAndItsSummaryAreLoggedNotPrinted() throws Exception {
        Files.writeString(changelogs.resolve("probe.sql"), """
                --liquibase formatted sql

                --changeset test:liquibase-update-probe
                CREATE TABLE liquibase_update_probe (n int);
                """);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {changelogs.toUri().toURL()}, null)) {
            LiquibaseUpdate.apply(database.endpoint(), loader, "probe.sql");
        }

        List<String> logged = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(logged).anyMatch(line -> line.contains("Running Changeset: probe.sql::liquibase-update-probe::test"));
        assertThat(logged).filteredOn(line -> line.contains("UPDATE SUMMARY")).hasSize(1);
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    /**
     * A node in another JVM migrating the same database (here: a connection holding the schema's advisory lock)
     * holds every other update back, including Liquibase's creation of its own tables, which its lock table does
     * not cover: two nodes started together against a fresh database used to both create it, and one failed.
     */
    @Test
    void anUpdateWaitsWhileAnotherNodeUpdatesTheSameDatabase() throws Exception {
        Files.writeString(changelogs.resolve("waits.sql"), """
                --liquibase formatted sql

                --changeset test:liquibase-update-waits
                CREATE TABLE liquibase_update_waits (n int);
                """);
        try (Connection otherNode = database.endpoint().connect();
                URLClassLoader loader = new URLClassLoader(new URL[] {changelogs.toUri().toURL()}, null)) {
            otherNode.createStatement().execute("SELECT pg_advisory_lock(" + LiquibaseUpdate.ADVISORY_LOCK_KEY + ")");
            CompletableFuture<Void> update = CompletableFuture.runAsync(() -> {
                try {
                    LiquibaseUpdate.apply(database.endpoint(), loader, "waits.sql");
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });

            Thread.sleep(1_000);
            assertThat(update).isNotDone();
            assertThat(tableExists(otherNode, "liquibase_update_waits")).isFalse();

            otherNode.createStatement().execute("SELECT pg_advisory_unlock(" + LiquibaseUpdate.ADVISORY_LOCK_KEY + ")");
            update.get(30, TimeUnit.SECONDS);
            assertThat(tableExists(otherNode, "liquibase_update_waits")).isTrue();
            try (ResultSet held = otherNode.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")) {
                held.next();
                assertThat(held.getInt(1)).as("the update let its lock go").isZero();
            }
        }
    }

    private static boolean tableExists(Connection connection, String table) throws Exception {
        try (ResultSet found = connection.createStatement().executeQuery("SELECT to_regclass('" + table + "')")) {
            found.next();
            return found.getString(1) != null;
        }
    }

    private static Logger liquibase() {
        return (Logger) LoggerFactory.getLogger("liquibase");
    }

    /** The console Liquibase prints to unless told otherwise: its root scope's. */
    private static ConsoleUIService consoleUi() {
        return (ConsoleUIService) Scope.getCurrentScope().getUI();
    }
}
