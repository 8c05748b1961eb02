package io.inflow.server;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.inflow.server.secrets.SecretRotation;
import io.inflow.server.secrets.SecretUnreadableException;
import io.inflow.server.secrets.SecretsKeyRing;
import io.inflow.server.secrets.SecretsKeys;
import io.inflow.server.store.Database;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * {@code java -jar inflow-server.jar rotate-secrets config.yml}: seals every stored secret again with the newest
 * configured key, in one transaction, and says how many. Safe while servers run on the same database: they wait for
 * its commit. With the embedded database a running server holds the data folder, and the message says how to reach
 * its database instead.
 */
final class RotateSecretsCommand extends ConfiguredCommand<InflowConfiguration> {

    RotateSecretsCommand() {
        super("rotate-secrets", "Re-encrypts every stored connection secret with the newest secrets key");
    }

    @Override
    protected void run(Bootstrap<InflowConfiguration> bootstrap, Namespace namespace, InflowConfiguration config)
            throws Exception {
        Database database = Database.open(config.database(), config.dataDir(), "rotate-secrets");
        try {
            SecretsKeyRing keys = SecretsKeys.load(config.secrets(), database.isEmbedded(), config.dataDir());
            ManagedDataSource dataSource = database.endpoint().dataSourceFactory(2)
                    .build(bootstrap.getMetricRegistry(), "rotate-secrets");
            try {
                SecretRotation.Rotated rotated = new SecretRotation(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()), keys,
                        bootstrap.getObjectMapper()).rotate();
                System.out.println("Re-encrypted " + rotated.resealed() + " secrets of " + rotated.connections()
                        + " connections with key " + rotated.keyId() + " (" + rotated.alreadyNewest()
                        + " were sealed with it already), and " + rotated.stateValues()
                        + " values of connections' states, and " + rotated.webhookSecrets()
                        + " webhook secrets of notifications. Keys other than " + rotated.keyId()
                        + " may now be removed.");
            } finally {
                dataSource.stop();
            }
        } finally {
            database.close();
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof SecretUnreadableException) {
            cli.getStdErr().println("rotate-secrets: " + e.getMessage());
            return;
        }
        if (!OperatorErrors.tell(cli, e, getConfiguration())) {
            super.onError(cli, namespace, e);
        }
    }
}
