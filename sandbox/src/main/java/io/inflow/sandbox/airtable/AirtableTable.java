package io.inflow.sandbox.airtable;

import io.inflow.sandbox.airtable.formula.FormulaTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A table's records in columns, addressed by index in creation order. Cells that can change, and
 * whether a record is deleted, are read under {@link #read} and changed under the write lock
 * ({@link #touch}, {@link #delete}, {@link #restore}), so a page never mixes old and new. A deleted
 * record keeps its index and its cells, so that it can come back as it was.
 */
public final class AirtableTable implements FormulaTable {

    private final TableSchema schema;
    private final String[] ids;
    private final long[] created;
    private final long[] lastModified;
    private final List<Column> columns;
    private final Map<String, Column> columnsByNameOrId = new HashMap<>();
    private final Map<String, Column> columnsByName = new HashMap<>();
    private final boolean[] deleted;
    /**
     * Each record's JSON in the shape a plain listing asks for, kept until the record changes: printing records
     * is most of what serving a page costs, and a benchmark of Inflow should not measure its fake.
     */
    private final String[] printed;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private long latestModification;
    private int deletedCount;

    /** {@code lastModified} is the array the table's lastModifiedTime column reads, so both move together. */
    AirtableTable(TableSchema schema, String[] ids, long[] created, long[] lastModified, List<Column> columns) {
        this.schema = schema;
        this.ids = ids;
        this.created = created;
        this.lastModified = lastModified;
        this.deleted = new boolean[ids.length];
        this.printed = new String[ids.length];
        this.columns = List.copyOf(columns);
        for (Column column : columns) {
            columnsByName.put(column.field().name(), column);
            columnsByNameOrId.put(column.field().name(), column);
            columnsByNameOrId.put(column.field().id(), column);
        }
        for (long millis : lastModified) {
            latestModification = Math.max(latestModification, millis);
        }
    }

    public TableSchema schema() {
        return schema;
    }

    public String id() {
        return schema.id();
    }

    public String name() {
        return schema.name();
    }

    /** Every record generated, deleted ones included: the range of record indexes. */
    public int size() {
        return ids.length;
    }

    /** The records not deleted: what a full listing returns. */
    public int recordCount() {
        return read(() -> ids.length - deletedCount);
    }

    /** Call under a lock. */
    boolean deleted(int record) {
        return deleted[record];
    }

    /** The record's JSON as a plain listing prints it, or null when not kept. Call under a lock. */
    String printed(int record) {
        return printed[record];
    }

    /**
     * Keeps the record's JSON as a plain listing prints it. Call under the read lock: readers racing to keep one
     * keep equal texts, and {@link #touch} forgets it under the write lock.
     */
    void keepPrinted(int record, String json) {
        printed[record] = json;
    }

    /** The records not deleted, in creation order. Call under a lock. */
    int[] liveRecords() {
        int[] live = new int[ids.length - deletedCount];
        int next = 0;
        for (int record = 0; record < ids.length; record++) {
            if (!deleted[record]) {
                live[next++] = record;
            }
        }
        return live;
    }

    /** The deleted records, in creation order. Call under a lock. */
    int[] deletedRecords() {
        int[] gone = new int[deletedCount];
        int next = 0;
        for (int record = 0; record < ids.length && next < gone.length; record++) {
            if (deleted[record]) {
                gone[next++] = record;
            }
        }
        return gone;
    }

    public List<Column> columns() {
        return columns;
    }

    /** A column by field name or field id, as {@code fields[]} and {@code sort} accept both. */
    public Optional<Column> column(String nameOrId) {
        return Optional.ofNullable(columnsByNameOrId.get(nameOrId));
    }

    @Override
    public Optional<IntFunction<Object>> fieldReader(String fieldName) {
        Column column = columnsByName.get(fieldName);
        return column == null ? Optional.empty() : Optional.of(column::value);
    }

    @Override
    public String recordId(int record) {
        return ids[record];
    }

    @Override
    public long createdTime(int record) {
        return created[record];
    }

    @Override
    public long lastModifiedTime(int record) {
        return lastModified[record];
    }

    public OptionalInt indexOf(String recordId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(recordId)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public <T> T read(Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> writing) {
        lock.writeLock().lock();
        try {
            return writing.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marks these records deleted; they must not be already. */
    void delete(int[] records) {
        mark(records, true);
    }

    /** Brings these deleted records back, unchanged. */
    void restore(int[] records) {
        mark(records, false);
    }

    private void mark(int[] records, boolean gone) {
        lock.writeLock().lock();
        try {
            for (int record : records) {
                if (deleted[record] == gone) {
                    throw new IllegalStateException("record " + ids[record] + (gone ? " is already" : " is not") + " deleted");
                }
            }
            for (int record : records) {
                deleted[record] = gone;
            }
            deletedCount += gone ? records.length : -records.length;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Applies {@code edit} to each record and stamps them all with one modification time: {@code now},
     * or 1 ms past the latest earlier modification if the clock has not moved beyond it.
     *
     * @return the modification time given to the records
     */
    long touch(int[] records, long now, IntConsumer edit) {
        lock.writeLock().lock();
        try {
            long at = Math.max(now, latestModification + 1);
            for (int record : records) {
                edit.accept(record);
                lastModified[record] = at;
                printed[record] = null;
            }
            latestModification = at;
            return at;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
