package io.inflow.server.store;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the core schema up to date with Liquibase. Safe to run from several nodes at once: a database advisory lock
 * lets one migrate while the others wait (see {@link LiquibaseUpdate}).
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
        try {
            LiquibaseUpdate.apply(endpoint, SchemaMigrator.class.getClassLoader(), CORE_CHANGELOG);
            LOG.info("Schema is up to date ({})", CORE_CHANGELOG);
        } catch (SQLException e) {
            throw new IllegalStateException("could not connect to " + endpoint.url() + " to migrate the schema", e);
        } catch (Exception e) {
            throw new IllegalStateException("schema migration failed: " + e.getMessage(), e);
        }
    }
}
