package io.inflow.server.api;

import io.inflow.server.jobs.RunHistory;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;

/**
 * Answers {@code HEAD} on the event streams with the headers a {@code GET} gets and no body. Jersey answers
 * {@code HEAD} by calling the {@code GET} method and leaving its entity out; an event stream's entity is what ends
 * its answer, so without this a {@code HEAD} would never be answered. It runs after authentication and roles (a
 * missing key still gets 401), and a run's stream still answers 404 for a run that does not exist.
 */
final class EventStreamHeads implements DynamicFeature {

    private final RunHistory runs;
    /**
     * The request as it came (a proxy to the current one): Jersey shows its filters a {@code HEAD} that it answers
     * with a GET method as a GET.
     */
    @Context
    private HttpServletRequest received;

    EventStreamHeads(RunHistory runs) {
        this.runs = runs;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Produces produces = resource.getResourceMethod().getAnnotation(Produces.class);
        if (produces != null && Arrays.asList(produces.value()).contains(MediaType.SERVER_SENT_EVENTS)) {
            context.register(new HeadFilter(resource.getResourceClass() == ImportEventsResource.class));
        }
    }

    @Priority(Priorities.USER)
    private final class HeadFilter implements ContainerRequestFilter {

        private final boolean ofOneRun;

        HeadFilter(boolean ofOneRun) {
            this.ofOneRun = ofOneRun;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (!HttpMethod.HEAD.equals(received.getMethod())) {
                return;
            }
            if (ofOneRun) {
                runs.get(Requests.id(request.getUriInfo().getPathParameters().getFirst("id"), "import run"));
            }
            request.abortWith(Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache").build());
        }
    }
}
