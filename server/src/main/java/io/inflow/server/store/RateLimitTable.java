package io.inflow.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The {@code rate_limit_scopes} and {@code rate_limit_permits} tables: the rate limit of each upstream scope, shared
 * by every node, timed by the database's clock.
 *
 * <p>Plain JDBC rather than a JDBI SQL object: a permit is asked for and given back around every request to an
 * upstream, so these two statements are on an import's hot path, where an on-demand SQL object's handle, parsing and
 * binding cost as much CPU as the rest of a page's fetch. Each call borrows a pooled connection, whose driver keeps
 * the statement prepared.
 */
public final class RateLimitTable {

    /** Where connections come from: the server's pool. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private static final String ACQUIRE = "SELECT permit_id, wait_ms, held_until, held_reason "
            + "FROM inflow_acquire_permit(?, ?, ?, ?, ?)";
    private static final String RELEASE = "UPDATE rate_limit_permits SET finished_at = clock_timestamp() "
            + "WHERE id = ? AND finished_at IS NULL";
    private static final String HOLD = "INSERT INTO rate_limit_scopes AS s (scope, held_until, held_reason) "
            + "VALUES (?, clock_timestamp() + ? * interval '1 millisecond', ?) "
            + "ON CONFLICT (scope) DO UPDATE SET "
            + "held_reason = CASE WHEN s.held_until IS NULL OR s.held_until < EXCLUDED.held_until "
            + "THEN EXCLUDED.held_reason ELSE s.held_reason END, "
            + "held_until = GREATEST(s.held_until, EXCLUDED.held_until) "
            + "RETURNING held_until";

    private final Connections connections;

    public RateLimitTable(Connections connections) {
        this.connections = connections;
    }

    /**
     * A permit for one call of {@code scope}, when fewer than {@code permits} calls are in flight or finished
     * within the last {@code windowMillis} and the scope is not held; else how long to wait.
     *
     * @param maxCallMillis the longest a call can take: a permit never released (its node died) counts this long
     */
    public PermitAnswer acquire(String scope, int permits, long windowMillis, String node, long maxCallMillis)
            throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement statement = connection.prepareStatement(ACQUIRE)) {
            statement.setString(1, scope);
            statement.setInt(2, permits);
            statement.setLong(3, windowMillis);
            statement.setString(4, node);
            statement.setLong(5, maxCallMillis);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long permit = row.getLong(1);
                Long permitId = row.wasNull() ? null : permit;
                Timestamp heldUntil = row.getTimestamp(3);
                return new PermitAnswer(permitId, row.getLong(2), heldUntil == null ? null : heldUntil.toInstant(),
                        row.getString(4));
            }
        }
    }

    /** The call of a permit has its answer, or failed: from now on it counts for one more window. */
    public void release(long permitId) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement statement = connection.prepareStatement(RELEASE)) {
            statement.setLong(1, permitId);
            statement.executeUpdate();
        }
    }

    /**
     * Holds every call of {@code scope} for {@code millis} from now, unless it is held longer already.
     *
     * @return until when the scope is held
     */
    public Instant hold(String scope, long millis, String reason) throws SQLException {
        try (Connection connection = connections.open();
             PreparedStatement statement = connection.prepareStatement(HOLD)) {
            statement.setString(1, scope);
            statement.setLong(2, millis);
            statement.setString(3, reason);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getTimestamp(1).toInstant();
            }
        }
    }
}
