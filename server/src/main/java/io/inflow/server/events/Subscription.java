package io.inflow.server.events;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's stream. The feed and the heartbeat timer only {@link #offer} frames, which never blocks: a client
 * whose queue is full is disconnected. A writer thread of the shared pool drains the queue while there is something
 * to send, so an idle client holds no thread, and one that does not read holds at most one writer until Jetty's idle
 * timeout fails its write.
 *
 * <p>It first sends its opening frames, then the stored events after its {@code cursor} up to the feed's position
 * when it subscribed, read from the database, then the live frames after its cursor: each event once, in order.
 */
final class Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    /** Reads stored events for a client catching up; answers the id it read through. */
    interface CatchUp {
        long replay(long afterId, long upToId, Long runId, FrameWriter out) throws IOException;
    }

    /** Writes one frame to the client. */
    interface FrameWriter {
        void write(EventFrame frame) throws IOException;
    }

    private final Long runId;
    private final EventSink sink;
    private final Queue<EventFrame> opening;
    private final BlockingQueue<EventFrame> queue;
    private final Executor writers;
    private final CatchUp catchUp;
    private final Consumer<Subscription> closed;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean overflowed;
    /** Written by the draining thread only (and before the first drain); the scheduled flag orders the drains. */
    private long cursor;
    private long catchUpTo;

    /**
     * @param runId the run whose events the client gets, or null for every event
     * @param cursor the id of the last event the client has, or that its opening frames reflect
     * @param closed told once when the stream ends, whoever ends it
     */
    Subscription(Long runId, EventSink sink, List<EventFrame> opening, long cursor, int queueSize, Executor writers,
                 CatchUp catchUp, Consumer<Subscription> closed) {
        this.runId = runId;
        this.sink = sink;
        this.opening = new ArrayDeque<>(opening);
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.cursor = cursor;
        this.writers = writers;
        this.catchUp = catchUp;
        this.closed = closed;
    }

    /** The feed's position when this client joined: the stored events up to it are read, the later ones offered. */
    void joinedAt(long position) {
        catchUpTo = position;
    }

    /** Queues a frame for the client if it concerns it; never blocks. */
    void offer(EventFrame frame) {
        if (ended.get() || !(frame.isHeartbeat() || frame.concerns(runId))) {
            return;
        }
        if (!queue.offer(frame)) {
            overflowed = true;
        }
        schedule();
    }

    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RuntimeException e) { // the pool is shut down: the server stops
                close();
            }
        }
    }

    boolean isClosed() {
        return ended.get();
    }

    /** Ends the stream: the client may reconnect and resume from the last id it got. */
    void close() {
        if (ended.compareAndSet(false, true)) {
            queue.clear();
            closed.accept(this);
            sink.close();
        }
    }

    private void drain() {
        try {
            do {
                sendPending();
            } while (rescheduled());
        } catch (IOException | RuntimeException e) {
            LOG.debug("An event stream ended: {}", e.toString());
            scheduled.set(false);
            close();
        }
    }

    private boolean rescheduled() {
        scheduled.set(false);
        return !ended.get() && (overflowed || !queue.isEmpty()) && scheduled.compareAndSet(false, true);
    }

    private void sendPending() throws IOException {
        while (!ended.get()) {
            if (overflowed) {
                LOG.info("An event stream{} fell {} events behind and is closed; its client resumes with Last-Event-ID",
                        runId == null ? "" : " of run " + runId, queue.remainingCapacity() + queue.size());
                close();
                return;
            }
            EventFrame first = opening.poll();
            if (first != null) {
                sink.send(first);
            } else if (cursor < catchUpTo) {
                cursor = catchUp.replay(cursor, catchUpTo, runId, this::sendEvent);
            } else {
                EventFrame next = queue.poll();
                if (next == null) {
                    return;
                }
                if (next.isHeartbeat()) {
                    sink.send(next);
                } else if (next.id() > cursor) {
                    sendEvent(next);
                }
            }
        }
    }

    private void sendEvent(EventFrame frame) throws IOException {
        sink.send(frame);
        cursor = frame.id();
    }
}
