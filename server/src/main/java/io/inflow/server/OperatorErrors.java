package io.inflow.server;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.inflow.server.auth.ApiKeyConfigurationException;
import io.inflow.server.secrets.SecretsKeyMissingException;
import io.inflow.server.store.DataDirInUseException;
import java.io.FileNotFoundException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failures of a command that an operator causes and can fix (a configuration that cannot be read, no API key, a
 * data dir in use, a port taken, no secrets key), told in one line on stderr instead of a stack trace; the stack trace
 * goes to the log at DEBUG ({@code INFLOW_LOG_LEVEL=DEBUG}), for a configuration that could be read. Any other
 * failure is a bug or an outage, and keeps its stack trace.
 */
final class OperatorErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorErrors.class);

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
        if (configuration == null && failure instanceof FileNotFoundException notFound) {
            // Dropwizard's "File x.yml not found", when it opens the configuration
            return Optional.of(notFound.getMessage() + ": the command takes the path of config.yml "
                    + "(java -jar inflow-server.jar server config.yml)");
        }
        BindException bind = null;
        Optional<Integer> port = Optional.empty();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException unreadable) {
                return Optional.of(oneLine(unreadable));
            }
            if (cause instanceof ApiKeyConfigurationException keys) {
                return Optional.of(keys.getMessage());
            }
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

    /**
     * Tells {@code failure} in one line on the command's stderr when it is the operator's to fix, its stack trace
     * only in the log at DEBUG.
     *
     * @return false when it is not, and the caller should print its stack trace
     */
    static boolean tell(Cli cli, Throwable failure, InflowConfiguration configuration) {
        Optional<String> explained = explain(failure, configuration);
        if (explained.isEmpty()) {
            return false;
        }
        LOG.debug("The failure told as: {}", explained.get(), failure);
        if (configuration != null) {
            // the log's appenders are asynchronous and the command exits next: write what they hold first
            configuration.getLoggingFactory().stop();
        }
        cli.getStdErr().println(explained.get());
        return true;
    }

    /**
     * Dropwizard's message of a configuration that cannot be read, in one line: its header ({@code config.yml has
     * an error:}) and each error's first line, with the keys it suggests for an unknown one.
     */
    private static String oneLine(ConfigurationException failure) {
        String header = failure.getMessage().lines().findFirst().orElse("the configuration has an error").trim();
        if (header.endsWith(":")) {
            header = header.substring(0, header.length() - 1);
        }
        List<String> errors = new ArrayList<>();
        for (String error : failure.getErrors()) {
            List<String> lines = error.strip().lines().map(String::trim).toList();
            List<String> suggested = lines.stream().filter(line -> line.startsWith("- "))
                    .map(line -> line.substring(2)).toList();
            errors.add(lines.isEmpty() ? "" : lines.get(0)
                    + (suggested.isEmpty() ? "" : " (did you mean " + String.join(", ", suggested) + "?)"));
        }
        return header + ": " + String.join("; ", errors);
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
