package io.inflow.server;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Environment;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's {@code server} command, except that a start that fails for a reason the operator can fix (a
 * configuration that cannot be read, no API key, the data dir in use, a port taken, no secrets key) says so in one
 * line instead of two stack traces (see {@link OperatorErrors}). Like Dropwizard's, a failed start
 * stops the Jetty server, which ends with the lifecycle's stopped event: {@link DatabaseCloser} closes the
 * database on it, so a start that failed before any managed object started leaves no PostgreSQL behind.
 */
final class InflowServerCommand extends ServerCommand<InflowConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(InflowServerCommand.class);

    InflowServerCommand(InflowApplication application) {
        super(application);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, InflowConfiguration configuration) throws Exception {
        Server server = configuration.getServerFactory().build(environment);
        try {
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    cleanup();
                }
            });
            cleanupAsynchronously();
            server.start();
            new Thread(() -> {
                try {
                    server.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "dw-awaiter").start();
        } catch (Exception e) {
            // an operator's failure is told in one line by onError, its stack trace logged there at DEBUG
            if (OperatorErrors.explain(e, configuration).isEmpty()) {
                LOG.error("Unable to start server, shutting down", e);
            }
            try {
                server.stop();
            } catch (Exception stopFailure) {
                LOG.warn("Failure during stop server", stopFailure);
            }
            try {
                cleanup();
            } catch (Exception cleanupFailure) {
                LOG.warn("Failure during cleanup", cleanupFailure);
            }
            throw e;
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!OperatorErrors.tell(cli, e, getConfiguration())) {
            super.onError(cli, namespace, e);
        }
    }
}
