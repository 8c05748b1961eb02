package io.inflow.server;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Environment;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard's {@code server} command, except that a start that fails for a reason the operator can fix (the data
 * dir in use, a port taken) says so in one line instead of two stack traces. Like Dropwizard's, a failed start
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
            Optional<String> explained = OperatorErrors.explain(e, configuration);
            if (explained.isPresent()) {
                LOG.debug("Unable to start server, shutting down", e);
            } else {
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
        Optional<String> explained = OperatorErrors.explain(e, getConfiguration());
        if (explained.isPresent()) {
            cli.getStdErr().println(explained.get());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
