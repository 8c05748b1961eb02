package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.events.EventFeed;
import io.inflow.server.jobs.RunHistory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code /api/v1/imports/{id}/events}: one run's events as Server-Sent Events, opening with a {@code run.snapshot}
 * of the run as it is (unless the client resumes with {@code Last-Event-ID}). After the run's end event the stream
 * stays open with heartbeats until the client closes it.
 */
@Path("/api/v1/imports/{id}/events")
@RolesAllowed(Roles.VIEWER)
public final class ImportEventsResource {

    private final RunHistory runs;
    private final EventFeed feed;

    ImportEventsResource(RunHistory runs, EventFeed feed) {
        this.runs = runs;
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") String id, @HeaderParam(EventsResource.LAST_EVENT_ID) String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        long runId = runs.get(Requests.id(id, "import run")).id();
        feed.subscribe(runId, Requests.lastEventId(lastEventIdHeader, lastEventId), new SseEvents(sink, sse));
    }
}
