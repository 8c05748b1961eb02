package io.inflow.server.events;

import io.inflow.server.store.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's {@code NOTIFY inflow_events}, which {@code inflow_emit_event} sends as each event commits (or another
 * channel: {@code inflow_notifications} wakes the notification dispatchers), on a connection of its own outside the
 * pool ({@code LISTEN} belongs to a session). Only a wake-up: the feed reads the table after every wait, notified or
 * not, so a notification lost while the connection is re-established delays events by one poll interval at most.
 * Used by one thread.
 */
public final class EventNotifications implements AutoCloseable {

    static final String CHANNEL = "inflow_events";
    private static final Logger LOG = LoggerFactory.getLogger(EventNotifications.class);

    private final DatabaseEndpoint database;
    private final String channel;
    private Connection connection;
    private boolean warned;

    EventNotifications(DatabaseEndpoint database) {
        this(database, CHANNEL);
    }

    /** Listens on {@code channel}, a fixed identifier (it is written into the {@code LISTEN} statement). */
    public EventNotifications(DatabaseEndpoint database, String channel) {
        this.database = database;
        this.channel = channel;
    }

    /** Waits until an event is notified or {@code timeout} passed; whether one was. */
    public boolean await(Duration timeout) throws InterruptedException {
        if (connection == null && !listen()) {
            Thread.sleep(timeout.toMillis());
            return false;
        }
        try {
            PGNotification[] notifications = connection.unwrap(PGConnection.class)
                    .getNotifications((int) Math.max(1, timeout.toMillis()));
            return notifications != null && notifications.length > 0;
        } catch (SQLException e) {
            LOG.warn("Lost the connection that listens for events ({}); reading them every poll interval until it is "
                    + "back", e.getMessage());
            close();
            Thread.sleep(timeout.toMillis());
            return false;
        }
    }

    private boolean listen() {
        try {
            connection = database.connect();
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
            }
            if (warned) {
                LOG.info("Listening for events again");
            }
            warned = false;
            return true;
        } catch (SQLException e) {
            if (!warned) {
                LOG.warn("Cannot listen for events ({}); reading them every poll interval meanwhile", e.getMessage());
                warned = true;
            }
            close();
            return false;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the connection that listens for events", e);
            }
            connection = null;
        }
    }
}
