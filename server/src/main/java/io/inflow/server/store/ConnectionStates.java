package io.inflow.server.store;

import io.inflow.api.ConnectionState;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The host's {@link ConnectionState}s, kept in {@code connection_state}. Every read and write of a value goes
 * through here: values are stored sealed by a {@link StateSealer} (encrypted at rest, like the secret fields of
 * configurations); a value a version before 0018 stored in plain text is read as it is until the start-up step seals
 * it.
 *
 * <p>Values are secrets, and a failed statement's exception would carry them: JDBI renders a statement's arguments
 * into its message, and PostgreSQL's error detail may quote the row. So a failure here is answered with an
 * exception of our own that names the connection, the key and the SQL state, and keeps neither the message nor
 * the cause of the original; nothing here logs.
 */
public final class ConnectionStates {

    private final Jdbi jdbi;
    private final StateSealer sealer;

    public ConnectionStates(Jdbi jdbi, StateSealer sealer) {
        this.jdbi = jdbi;
        this.sealer = sealer;
    }

    /** The state of one connection: reads and writes go to the database at once, nothing is cached. */
    public ConnectionState of(long connectionId) {
        return new Stored(connectionId);
    }

    private final class Stored implements ConnectionState {

        private final long connectionId;

        Stored(long connectionId) {
            this.connectionId = connectionId;
        }

        @Override
        public Optional<String> get(String key) {
            Objects.requireNonNull(key, "key");
            return withDao("read", key, dao -> dao.find(connectionId, key))
                    .map(stored -> stored.sealed() ? sealer.open(connectionId, key, stored.value()) : stored.value());
        }

        @Override
        public void put(String key, String value) {
            ConnectionState.none().put(key, value); // the argument checks every state makes
            // a connection deleted meanwhile keeps nothing: its put is dropped, as its state was
            boolean refused = withDao("write", key, dao -> dao.put(connectionId, key,
                    sealer.seal(connectionId, key, value), MAX_KEYS) == 0
                    && dao.connectionIsLive(connectionId));
            if (refused) {
                throw new IllegalStateException("the state of connection " + connectionId + " holds " + MAX_KEYS
                        + " keys already, the most it may; key '" + key + "' was not stored");
            }
        }

        @Override
        public void remove(String key) {
            Objects.requireNonNull(key, "key");
            withDao("remove", key, dao -> dao.remove(connectionId, key));
        }

        private <T> T withDao(String action, String key, Function<ConnectionStateDao, T> work) {
            try {
                return jdbi.withExtension(ConnectionStateDao.class, work::apply);
            } catch (JdbiException e) {
                throw new IllegalStateException("could not " + action + " key '" + key + "' of the state of connection "
                        + connectionId + " (" + sqlState(e) + "); the database's message is not repeated, as it may "
                        + "quote the value");
            }
        }

        @Override
        public String toString() {
            return "the state of connection " + connectionId;
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return "SQL state " + sql.getSQLState();
            }
        }
        return failure.getClass().getSimpleName();
    }
}
