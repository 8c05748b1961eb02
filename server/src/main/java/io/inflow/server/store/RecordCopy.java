package io.inflow.server.store;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Inserts new records with PostgreSQL's binary {@code COPY}: no SQL text, no array literals to escape, no
 * {@code ON CONFLICT} probe per row. A record whose id is stored already makes the whole COPY fail with a unique
 * violation (SQLSTATE 23505), so callers copy only what they know to be new, inside a savepoint.
 */
final class RecordCopy {

    private static final String COPY = "COPY records (connection_id, stream, external_id, payload, content_hash, "
            + "source_updated_at, inserted_by_run, updated_by_run, last_seen_scan) FROM STDIN (FORMAT binary)";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final short COLUMNS = 9;
    private static final int FLUSH_AT = 1 << 16;
    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
    /** The binary form of jsonb: a version byte, then the text. */
    private static final byte JSONB_VERSION = 1;

    private RecordCopy() {
    }

    /** Copies the records in; answers how many PostgreSQL inserted (all of them, or it throws). */
    static long copy(Handle handle, StreamWrite write, Collection<StorableRecord> records) throws SQLException {
        CopyIn copy = handle.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            Buffer out = new Buffer();
            out.bytes(SIGNATURE).int32(0).int32(0);
            byte[] stream = write.stream().getBytes(StandardCharsets.UTF_8);
            for (StorableRecord record : records) {
                out.int16(COLUMNS);
                out.int64Field(write.connectionId());
                out.int32(stream.length).bytes(stream);
                byte[] id = record.externalId().getBytes(StandardCharsets.UTF_8);
                out.int32(id.length).bytes(id);
                byte[] payload = record.payload().getBytes(StandardCharsets.UTF_8);
                out.int32(payload.length + 1).int8(JSONB_VERSION).bytes(payload);
                UUID hash = record.contentHash();
                out.int32(16).int64(hash.getMostSignificantBits()).int64(hash.getLeastSignificantBits());
                if (record.sourceUpdatedAt() == null) {
                    out.int32(-1);
                } else {
                    out.int64Field(microsSincePostgresEpoch(record.sourceUpdatedAt()));
                }
                out.int64Field(write.runId());
                out.int64Field(write.runId());
                if (write.scanId() == null) {
                    out.int32(-1);
                } else {
                    out.int64Field(write.scanId());
                }
                if (out.length >= FLUSH_AT) {
                    copy.writeToCopy(out.bytes, 0, out.length);
                    out.length = 0;
                }
            }
            out.int16((short) -1);
            copy.writeToCopy(out.bytes, 0, out.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** As PostgreSQL reads an ISO instant: to the microsecond, a half rounded to even. */
    static long microsSincePostgresEpoch(Instant instant) {
        long micros = Math.round(Math.rint(instant.getNano() / 1000.0));
        return (instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS) * 1_000_000L + micros;
    }

    /** Big-endian fields into a growing array. */
    private static final class Buffer {
        private byte[] bytes = new byte[FLUSH_AT + 8192];
        private int length;

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        Buffer bytes(byte[] more) {
            room(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        Buffer int8(byte value) {
            room(1);
            bytes[length++] = value;
            return this;
        }

        Buffer int16(short value) {
            room(2);
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
            return this;
        }

        Buffer int32(int value) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >> shift);
            }
            return this;
        }

        Buffer int64(long value) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (value >> shift);
            }
            return this;
        }

        /** A bigint or timestamptz field: its length, then its eight bytes. */
        void int64Field(long value) {
            int32(8).int64(value);
        }
    }
}
