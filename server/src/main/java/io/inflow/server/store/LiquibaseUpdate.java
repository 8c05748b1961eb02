package io.inflow.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings a database up to date with a changelog, read from a class loader (the server's, or a plugin's).
 *
 * <p>What Liquibase tells its user (each changeset it runs, its update summary) goes to the log, under
 * {@code liquibase.ui}, not to the server's standard output: its console UI would print it there raw, between the
 * log's lines. The {@code db} commands keep Liquibase's console: there it is the command's answer.
 *
 * <p>One update at a time in a JVM. Liquibase keeps its services (lock services, the changelog history) in JVM-wide
 * singletons, and updates of two databases at once from one JVM get each other's lock: each then waits forever for
 * a lock row the other took. That happens only with several servers in one JVM (tests) or a plugin loaded while
 * another server starts.
 *
 * <p>One update at a time in a database, too. Liquibase's own lock table does not cover its first step: two nodes
 * starting together against a fresh database both create {@code databasechangelog} (and its lock table), and one
 * of them fails on PostgreSQL's duplicate type. So every update first takes a session-level advisory lock of the
 * database on its connection, which covers creating Liquibase's tables too; a node that finds it taken waits for
 * the other's update, then finds the schema up to date. The lock goes with the connection if the node dies.
 */
final class LiquibaseUpdate {

    /** Guards Liquibase's JVM-wide state, not ours. */
    private static final Object ONE_AT_A_TIME = new Object();

    /** The advisory lock key of schema updates: "inflowDB" in ASCII, a number no other user of the database takes. */
    static final long ADVISORY_LOCK_KEY = 0x696e666c6f774442L;

    private LiquibaseUpdate() {
    }

    static void apply(DatabaseEndpoint endpoint, ClassLoader changelogLoader, String changelog) throws Exception {
        synchronized (ONE_AT_A_TIME) {
            try (Connection connection = endpoint.connect()) {
                advisoryLock(connection, "pg_advisory_lock");
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(changelogLoader),
                                Scope.Attr.ui.name(), new LoggerUIService()),
                        () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                                // the summary once: Liquibase would also send it to the UI, the log here too
                                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                                .execute());
                advisoryLock(connection, "pg_advisory_unlock");
            }
        }
    }

    /** Closing the connection releases the lock as well, when the update fails. */
    private static void advisoryLock(Connection connection, String function) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT " + function + "(" + ADVISORY_LOCK_KEY + ")");
        }
    }
}
