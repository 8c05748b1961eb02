package io.inflow.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the core schema up to date with Liquibase. Safe to run from several nodes at once: Liquibase's lock
 * table lets one migrate while the others wait.
 */
public final class SchemaMigrator {

    /** The core changelog, shipped on the classpath by the {@code migrations} module. */
    public static final String CORE_CHANGELOG = "db/changelog/inflow-core.xml";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final DatabaseEndpoint endpoint;

    public SchemaMigrator(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public void migrate() {
        try (Connection connection = endpoint.connect()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SchemaMigrator.class.getClassLoader()),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CORE_CHANGELOG)
                            .execute());
            LOG.info("Schema is up to date ({})", CORE_CHANGELOG);
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + endpoint.url() + " to migrate the schema", e);
        } catch (Exception e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
