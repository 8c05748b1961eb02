package io.inflow.server.events;

import java.io.IOException;

/** Where one client's events go: its HTTP response. Called by one thread at a time. */
public interface EventSink {

    /** Writes a frame and flushes it; may block while the client does not read. */
    void send(EventFrame frame) throws IOException;

    /** Ends the response; the client may reconnect and resume. Never blocks on the client. */
    void close();
}
