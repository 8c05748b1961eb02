package io.inflow.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every line the JVM logs from {@link #listen} to {@link #close}, Inflow's own at {@code inflowLevel} and above. A
 * test class that reads it must be {@code @Isolated}: it hears every server of the JVM.
 */
final class CapturedLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog() {
    }

    static CapturedLog listen(Level inflowLevel) {
        CapturedLog log = new CapturedLog();
        Logger root = root();
        inflow().setLevel(inflowLevel);
        log.appender.setContext(root.getLoggerContext());
        log.appender.start();
        root.addAppender(log.appender);
        return log;
    }

    /** The lines so far, oldest first. */
    List<ILoggingEvent> lines() {
        // the appender adds lines while it holds its own monitor (AppenderBase.doAppend)
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        inflow().setLevel(Level.INFO);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static Logger inflow() {
        return (Logger) LoggerFactory.getLogger("io.inflow");
    }
}
