package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.events.EventFeed;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code /api/v1/events}: every event of every node, as Server-Sent Events (run queued, started, progress, waiting
 * and ended; scheduler started and stopped; plugin changed); {@code Last-Event-ID} resumes.
 */
@Path("/api/v1/events")
@RolesAllowed(Roles.VIEWER)
public final class EventsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final EventFeed feed;

    EventsResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam(LAST_EVENT_ID) String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        feed.subscribe(null, Requests.lastEventId(lastEventIdHeader, lastEventId), new SseEvents(sink, sse));
    }

}
