package io.inflow.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The API's reads of runs with their streams: each one statement, the runs joined to their streams, so one round
 * trip answers {@code GET /api/v1/imports/{id}}, a page of the history, or {@code /status}'s runs.
 *
 * <p>Plain JDBC rather than a JDBI SQL object, for the reason {@link RateLimitTable} gives: these reads are the
 * API's busiest, polled by scripts and the console while imports run, and an on-demand SQL object's handle,
 * configuration copies, mapper look-ups and statement templating cost about three times the rest of the request
 * (issue 18). Each call borrows a pooled connection, whose driver keeps the statement prepared. The rows are mapped
 * as JDBI maps {@link RunRow} and {@link RunStreamRow} for {@link ImportRunDao}; {@code RunReadsTest} holds the two
 * to the same values.
 */
public final class RunReads {

    /** A run's columns, then its streams' (null for a run without any), aliased where the names are the same. */
    private static final String COLUMNS = "r.id, r.connection_id, r.trigger, r.mode, r.status, r.notes, "
            + "r.requested_by, r.node, r.error, r.created_at, r.started_at, r.finished_at, r.heartbeat_at, "
            + "r.resumed_from, r.scheduled_for, r.resume_at, r.waiting_until, r.waiting_reason, s.stream, s.position, "
            + "s.status AS stream_status, s.inserted, s.updated, s.unchanged, s.failed, s.deleted, s.batches, "
            + "s.estimated_total, s.started_at AS stream_started_at, s.finished_at AS stream_finished_at, "
            + "s.mode AS stream_mode";

    private static final String FIND = withStreams("SELECT " + ImportRunDao.RUN_COLUMNS
            + " FROM import_runs WHERE id = ?", "r.id");

    /** Each filter twice: whether it is set, and the condition. */
    private static final String LIST = withStreams("SELECT " + ImportRunDao.RUN_COLUMNS + " FROM import_runs "
            + "WHERE (CAST(? AS bigint) IS NULL OR connection_id = ?) "
            + "AND (CAST(? AS text) IS NULL OR status = ?) "
            + "AND (CAST(? AS text) IS NULL OR trigger = ?) "
            + "AND (CAST(? AS timestamptz) IS NULL OR created_at >= ?) "
            + "AND (CAST(? AS bigint) IS NULL OR id < ?) "
            + "ORDER BY id DESC LIMIT ?", "r.id DESC");

    private static final String ACTIVE = withStreams("SELECT " + ImportRunDao.RUN_COLUMNS + " FROM import_runs "
            + "WHERE status IN " + ImportRunDao.ACTIVE, "r.id");

    private static final String LAST_ENDED = withStreams("SELECT DISTINCT ON (connection_id) "
            + ImportRunDao.RUN_COLUMNS + " FROM import_runs WHERE status NOT IN " + ImportRunDao.ACTIVE
            + " ORDER BY connection_id, id DESC", "r.connection_id");

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private final DataSource connections;

    /** @param connections the server's pool */
    public RunReads(DataSource connections) {
        this.connections = connections;
    }

    /** A run with its streams, or empty when there is no such run. */
    public Optional<RunWithStreams> find(long runId) {
        return read(FIND, statement -> statement.setLong(1, runId)).stream().findFirst();
    }

    /** The runs the query selects, newest first, each with its streams. */
    public List<RunWithStreams> list(RunQuery query) {
        return read(LIST, statement -> {
            setTwice(statement, 1, query.connectionId(), Types.BIGINT);
            setTwice(statement, 3, lowercase(query.status()), Types.VARCHAR);
            setTwice(statement, 5, lowercase(query.trigger()), Types.VARCHAR);
            setTwice(statement, 7, query.since() == null ? null : Timestamp.from(query.since()), Types.TIMESTAMP);
            setTwice(statement, 9, query.beforeId(), Types.BIGINT);
            statement.setInt(11, query.limit());
        });
    }

    /** The runs queued, running, waiting or cancelling, oldest first, each with its streams. */
    public List<RunWithStreams> active() {
        return read(ACTIVE, statement -> { });
    }

    /** The last run of each connection that ended, whatever its outcome, by connection, each with its streams. */
    public List<RunWithStreams> lastEndedPerConnection() {
        return read(LAST_ENDED, statement -> { });
    }

    private List<RunWithStreams> read(String sql, Parameters parameters) {
        try (Connection connection = connections.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return grouped(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read import runs: " + e.getMessage(), e);
        }
    }

    /** The runs ordered as {@code order} says, each followed by its streams in their order. */
    private static String withStreams(String runs, String order) {
        return "SELECT " + COLUMNS + " FROM (" + runs + ") r LEFT JOIN import_run_streams s ON s.run_id = r.id "
                + "ORDER BY " + order + ", s.position";
    }

    /** Folds the joined rows, which come run by run, into runs with their streams. */
    private static List<RunWithStreams> grouped(ResultSet rows) throws SQLException {
        List<RunWithStreams> runs = new ArrayList<>();
        RunRow run = null;
        List<RunStreamRow> streams = new ArrayList<>();
        while (rows.next()) {
            long id = rows.getLong("id");
            if (run == null || run.id() != id) {
                if (run != null) {
                    runs.add(new RunWithStreams(run, streams));
                }
                run = run(rows);
                streams = new ArrayList<>();
            }
            // a run without streams comes as one row whose stream columns are null
            if (rows.getString("stream") != null) {
                streams.add(stream(rows, id));
            }
        }
        if (run != null) {
            runs.add(new RunWithStreams(run, streams));
        }
        return runs;
    }

    private static RunRow run(ResultSet row) throws SQLException {
        return new RunRow(row.getLong("id"), row.getLong("connection_id"),
                LowercaseEnums.valueOf(RunTrigger.class, row.getString("trigger")),
                LowercaseEnums.valueOf(RunMode.class, row.getString("mode")),
                LowercaseEnums.valueOf(RunStatus.class, row.getString("status")),
                row.getString("notes"), row.getString("requested_by"), row.getString("node"), row.getString("error"),
                instant(row, "created_at"), instant(row, "started_at"), instant(row, "finished_at"),
                instant(row, "heartbeat_at"), nullableLong(row, "resumed_from"), instant(row, "scheduled_for"),
                instant(row, "resume_at"), instant(row, "waiting_until"), row.getString("waiting_reason"));
    }

    private static RunStreamRow stream(ResultSet row, long runId) throws SQLException {
        return new RunStreamRow(runId, row.getString("stream"), row.getInt("position"),
                LowercaseEnums.valueOf(StreamStatus.class, row.getString("stream_status")),
                row.getLong("inserted"), row.getLong("updated"), row.getLong("unchanged"), row.getLong("failed"),
                row.getLong("deleted"), row.getLong("batches"), nullableLong(row, "estimated_total"),
                instant(row, "stream_started_at"), instant(row, "stream_finished_at"),
                LowercaseEnums.valueOf(RunMode.class, row.getString("stream_mode")));
    }

    private static void setTwice(PreparedStatement statement, int first, Object value, int sqlType)
            throws SQLException {
        statement.setObject(first, value, sqlType);
        statement.setObject(first + 1, value, sqlType);
    }

    /** As {@link LowercaseEnums} stores an enum. */
    private static String lowercase(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** As JDBI maps an {@link Instant}: through {@link Timestamp}, which keeps PostgreSQL's microseconds. */
    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
