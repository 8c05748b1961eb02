package io.inflow.server.plugins;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link System.Logger} a connector logs to: its lines go to the server's log under
 * {@code io.inflow.plugins.<plugin>}, prefixed with the connection and the run they concern.
 */
public final class PluginLogger implements System.Logger {

    private final Logger delegate;
    private final String prefix;

    public PluginLogger(String pluginId, String prefix) {
        this.delegate = LoggerFactory.getLogger("io.inflow.plugins." + pluginId);
        this.prefix = prefix + ": ";
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> delegate.isTraceEnabled();
            case DEBUG -> delegate.isDebugEnabled();
            case INFO -> delegate.isInfoEnabled();
            case WARNING -> delegate.isWarnEnabled();
            case ERROR -> delegate.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            write(level, prefix + message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            write(level, prefix + message, null);
        }
    }

    @Override
    public void log(Level level, Supplier<String> supplier) {
        if (isLoggable(level)) {
            write(level, prefix + supplier.get(), null);
        }
    }

    private void write(Level level, String message, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> delegate.trace(message, thrown);
            case DEBUG -> delegate.debug(message, thrown);
            case INFO -> delegate.info(message, thrown);
            case WARNING -> delegate.warn(message, thrown);
            case ERROR -> delegate.error(message, thrown);
            case OFF -> {
            }
        }
    }
}
