package io.inflow.server.events;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A client that keeps what it is sent. One made {@link #stalled()} does not read: its first write blocks until
 * {@link #release()}, as a write to a client whose TCP window is full blocks.
 */
final class CollectingSink implements EventSink {

    private final List<EventFrame> frames = new CopyOnWriteArrayList<>();
    private final CountDownLatch released;
    private volatile boolean closed;

    private CollectingSink(boolean stalled) {
        this.released = new CountDownLatch(stalled ? 1 : 0);
    }

    static CollectingSink reading() {
        return new CollectingSink(false);
    }

    static CollectingSink stalled() {
        return new CollectingSink(true);
    }

    @Override
    public void send(EventFrame frame) throws IOException {
        try {
            if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IOException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (closed) {
            throw new IOException("closed");
        }
        frames.add(frame);
    }

    @Override
    public void close() {
        closed = true;
    }

    void release() {
        released.countDown();
    }

    boolean isClosed() {
        return closed;
    }

    /** The events sent, heartbeats left out. */
    List<EventFrame> events() {
        return frames.stream().filter(frame -> !frame.isHeartbeat()).toList();
    }

    List<Long> ids() {
        return events().stream().map(EventFrame::id).toList();
    }

    List<String> types() {
        return events().stream().map(EventFrame::type).toList();
    }

    long heartbeats() {
        return frames.stream().filter(EventFrame::isHeartbeat).count();
    }
}
