package io.inflow.server;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.DbCommand;
import io.inflow.server.store.Database;
import io.inflow.server.store.SchemaMigrator;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code db} commands ({@code db migrate}, {@code db status}, ...) on Inflow's database. With no
 * database URL configured, the command starts the embedded PostgreSQL on the data folder, like the server
 * does, and stops it when the command ends. A data dir held by a running server (or another command) is refused
 * untouched, with a message naming the holder and how to reach its database instead.
 */
final class InflowDbCommand extends DbCommand<InflowConfiguration> {

    InflowDbCommand() {
        super("db", InflowDbCommand::dataSourceFactory, InflowConfiguration.class, SchemaMigrator.CORE_CHANGELOG);
    }

    private static DataSourceFactory dataSourceFactory(InflowConfiguration configuration) {
        Database database = Database.open(configuration.database(), configuration.dataDir(), "db command");
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "inflow-db-command-shutdown"));
        return database.endpoint().dataSourceFactory(2);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!OperatorErrors.tell(cli, e, getConfiguration())) {
            super.onError(cli, namespace, e);
        }
    }
}
