package io.inflow.server.events;

/**
 * One message of an event stream, rendered once and sent as it is to every client it concerns: an event
 * ({@code id:}, {@code event:}, {@code data:}) or the heartbeat comment.
 *
 * @param id the event's id, what a client resumes from ({@code Last-Event-ID})
 * @param type the event's type ({@code run.started}, ...)
 * @param runId the run it tells of, or null
 * @param data its JSON, on one line
 */
public record EventFrame(long id, String type, Long runId, String data) {

    /** The comment line every open stream gets at least every {@code events.heartbeatInterval}. */
    public static final EventFrame HEARTBEAT = new EventFrame(0, null, null, null);

    public static final String HEARTBEAT_COMMENT = "heartbeat";

    public boolean isHeartbeat() {
        return type == null;
    }

    /** Whether a client of one run's stream ({@code runId}), or of every event (null), gets this frame. */
    boolean concerns(Long subscribedRun) {
        return subscribedRun == null || subscribedRun.equals(runId);
    }
}
