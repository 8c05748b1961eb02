package io.inflow.server.api;

import io.inflow.server.events.EventFrame;
import io.inflow.server.events.EventSink;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.concurrent.CompletionException;

/** A client's {@code text/event-stream} answer, through Jersey's SSE sink. */
final class SseEvents implements EventSink {

    private final SseEventSink sink;
    private final Sse sse;

    SseEvents(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    @Override
    public void send(EventFrame frame) throws IOException {
        OutboundSseEvent event = frame.isHeartbeat()
                ? sse.newEventBuilder().comment(EventFrame.HEARTBEAT_COMMENT).build()
                : sse.newEventBuilder().id(Long.toString(frame.id())).name(frame.type())
                        .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, frame.data()).build();
        try {
            // Jersey writes in the calling thread: this returns once the event is written and flushed
            sink.send(event).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IOException(e.getCause());
        } catch (IllegalStateException e) { // closed meanwhile
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
