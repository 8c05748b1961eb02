package io.inflow.server;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.inflow.server.secrets.SecretsKeyMissingException;
import io.inflow.server.store.DataDirInUseException;
import java.net.BindException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failures of a command that an operator causes and can fix (a data dir in use, a port taken), told in one line
 * or paragraph instead of a stack trace. Any other failure is a bug or an outage, and keeps its stack trace.
 */
final class OperatorErrors {

    /** How Jetty names the address it could not bind: {@code Failed to bind to 0.0.0.0/0.0.0.0:8080}. */
    private static final Pattern FAILED_BIND = Pattern.compile("Failed to bind to .*:(\\d+)$");
    private static final String ADDRESS_IN_USE = "Address already in use";

    private OperatorErrors() {
    }

    /**
     * What to tell the operator about {@code failure}, or empty when it is not theirs to fix.
     *
     * @param configuration the command's configuration, or null when it was not read
     */
    static Optional<String> explain(Throwable failure, InflowConfiguration configuration) {
        BindException bind = null;
        Optional<Integer> port = Optional.empty();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataDirInUseException inUse) {
                return Optional.of(inUse.getMessage());
            }
            if (cause instanceof SecretsKeyMissingException missing) {
                return Optional.of(missing.getMessage());
            }
            if (cause instanceof BindException bindException && bind == null) {
                bind = bindException;
            }
            Matcher failedBind = FAILED_BIND.matcher(String.valueOf(cause.getMessage()));
            if (failedBind.find() && port.isEmpty()) {
                port = Optional.of(Integer.parseInt(failedBind.group(1)));
            }
        }
        return bind == null ? Optional.empty() : Optional.of(portFailure(bind, port, configuration));
    }

    private static String portFailure(BindException failure, Optional<Integer> port, InflowConfiguration configuration) {
        String what = ADDRESS_IN_USE.equals(failure.getMessage()) ? "is in use" : "cannot be opened (" + failure.getMessage() + ")";
        if (port.isEmpty()) {
            return "a port " + what + "; set INFLOW_PORT or INFLOW_ADMIN_PORT";
        }
        return "port " + port.get() + " " + what + "; set " + variableOf(port.get(), configuration);
    }

    /** The environment variable of config.yml that sets this port. */
    private static String variableOf(int port, InflowConfiguration configuration) {
        ServerFactory server = configuration == null ? null : configuration.getServerFactory();
        if (server instanceof DefaultServerFactory factory && !hasPort(factory.getApplicationConnectors(), port)
                && hasPort(factory.getAdminConnectors(), port)) {
            return "INFLOW_ADMIN_PORT";
        }
        if (server instanceof DefaultServerFactory || server instanceof SimpleServerFactory) {
            return "INFLOW_PORT";
        }
        return "INFLOW_PORT or INFLOW_ADMIN_PORT";
    }

    private static boolean hasPort(List<ConnectorFactory> connectors, int port) {
        return connectors.stream().anyMatch(connector -> connector instanceof HttpConnectorFactory http
                && http.getPort() == port);
    }
}
