package io.inflow.server.jobs;

import io.inflow.server.store.CommitOutcome;
import io.inflow.server.store.StorableBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Stores a read's batches on a thread of its own, so that the connector fetches its next page while the last one
 * is written: the upstream's latency and PostgreSQL's overlap instead of adding up. Batches are stored in the order
 * committed; whatever is waiting when the writer is free is stored together in one transaction (records and the
 * last checkpoint atomically, as {@link io.inflow.server.store.RecordSink#commit(io.inflow.server.store.StreamWrite, List, io.inflow.server.store.StreamLoad)}
 * does), which saves a commit and its fsync per page once PostgreSQL is the slower side.
 *
 * <p>At most {@code maxWaitingBatches} wait: a connector faster than the database is held back in
 * {@link #submit}. A failure to store (e.g. the run no longer belongs to this node) stops the writer and is
 * thrown by the next {@link #submit} or by {@link #finish}, which waits for everything submitted to be stored.
 */
final class BatchWriter {

    private final Function<List<StorableBatch>, CommitOutcome> store;
    private final Consumer<CommitOutcome> stored;
    private final int maxWaitingBatches;
    private final int maxRecordsPerTransaction;
    private final ArrayDeque<StorableBatch> waiting = new ArrayDeque<>();
    private final Thread thread;
    private boolean writing;
    private boolean closed;
    private RuntimeException failure;

    /**
     * @param store                    stores consecutive batches in one transaction
     * @param stored                   told what each transaction stored, on the writer's thread
     * @param maxWaitingBatches        batches that may wait to be stored before {@link #submit} blocks
     * @param maxRecordsPerTransaction records one transaction takes at most (a batch is never split)
     */
    BatchWriter(String name, Function<List<StorableBatch>, CommitOutcome> store, Consumer<CommitOutcome> stored,
                int maxWaitingBatches, int maxRecordsPerTransaction) {
        this.store = store;
        this.stored = stored;
        this.maxWaitingBatches = maxWaitingBatches;
        this.maxRecordsPerTransaction = maxRecordsPerTransaction;
        this.thread = new Thread(this::writeUntilClosed, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Hands a batch to the writer; blocks while {@code maxWaitingBatches} wait.
     *
     * @throws RuntimeException     what storing an earlier batch failed with
     * @throws InterruptedException when the reading thread is interrupted while it waits
     */
    synchronized void submit(StorableBatch batch) throws InterruptedException {
        throwFailure();
        while (waiting.size() >= maxWaitingBatches && failure == null) {
            wait();
        }
        throwFailure();
        waiting.addLast(batch);
        notifyAll();
    }

    /**
     * Waits until every batch submitted is stored (without giving up on an interrupt: what was committed is
     * stored before the read is over), then stops the writer's thread.
     *
     * @throws RuntimeException what storing a batch failed with
     */
    void finish() {
        boolean interrupted = false;
        synchronized (this) {
            while ((!waiting.isEmpty() || writing) && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            closed = true;
            notifyAll();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            throwFailure();
        }
    }

    private void writeUntilClosed() {
        while (true) {
            List<StorableBatch> group = nextGroup();
            if (group == null) {
                return;
            }
            try {
                stored.accept(store.apply(group));
            } catch (RuntimeException | Error e) {
                fail(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
                return;
            }
            synchronized (this) {
                writing = false;
                notifyAll();
            }
        }
    }

    /** The batches waiting, up to the transaction's size; null once closed with nothing left. */
    private synchronized List<StorableBatch> nextGroup() {
        while (waiting.isEmpty() && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        if (waiting.isEmpty()) {
            return null;
        }
        List<StorableBatch> group = new ArrayList<>();
        int records = 0;
        while (!waiting.isEmpty()
                && (group.isEmpty() || records + waiting.peekFirst().records().size() <= maxRecordsPerTransaction)) {
            StorableBatch next = waiting.pollFirst();
            records += next.records().size();
            group.add(next);
        }
        writing = true;
        notifyAll();
        return group;
    }

    private synchronized void fail(RuntimeException e) {
        failure = e;
        writing = false;
        waiting.clear();
        notifyAll();
    }

    private void throwFailure() {
        if (failure != null) {
            throw failure;
        }
    }
}
