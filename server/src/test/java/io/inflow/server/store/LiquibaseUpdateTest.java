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
import java.util.List;
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

    private static Logger liquibase() {
        return (Logger) LoggerFactory.getLogger("liquibase");
    }

    /** The console Liquibase prints to unless told otherwise: its root scope's. */
    private static ConsoleUIService consoleUi() {
        return (ConsoleUIService) Scope.getCurrentScope().getUI();
    }
}
