package io.inflow.server;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.inflow.server.store.Database;
import io.inflow.server.store.SchemaMigrator;

/**
 * Dropwizard's {@code db} commands ({@code db migrate}, {@code db status}, ...) on Inflow's database. With no
 * database URL configured, the command starts the embedded PostgreSQL on the data folder, like the server
 * does, and stops it when the command ends.
 */
final class InflowMigrationsBundle extends MigrationsBundle<InflowConfiguration> {

    @Override
    public DataSourceFactory getDataSourceFactory(InflowConfiguration configuration) {
        Database database = Database.open(configuration.database(), configuration.dataDir());
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "inflow-db-command-shutdown"));
        return database.endpoint().dataSourceFactory(2);
    }

    @Override
    public String getMigrationsFileName() {
        return SchemaMigrator.CORE_CHANGELOG;
    }
}
