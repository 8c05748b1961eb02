package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.jobs.ImportService;
import io.inflow.server.jobs.RunHistory;
import io.inflow.server.store.RunQuery;
import io.inflow.server.store.RunRow;
import io.inflow.server.store.RunStatus;
import io.inflow.server.store.RunTrigger;
import io.inflow.server.store.RunWithStreams;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** {@code /api/v1/imports}: import runs, their progress and their history; cancel and resume. */
@Path("/api/v1/imports")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class ImportsResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final RunHistory runs;
    private final ImportService imports;
    private final RunViews views;

    ImportsResource(RunHistory runs, ImportService imports, RunViews views) {
        this.runs = runs;
        this.imports = imports;
        this.views = views;
    }

    /**
     * The history, newest first, filtered by connection, status, trigger and creation time ({@code since}, an
     * ISO-8601 instant), a page of {@code limit} at a time.
     */
    @GET
    public RunPage list(@QueryParam("connection") String connection, @QueryParam("status") String status,
                        @QueryParam("trigger") String trigger, @QueryParam("since") String since,
                        @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        int pageSize = Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        RunQuery query = new RunQuery(Requests.optionalLong(connection, "connection"),
                Requests.optionalEnum(status, RunStatus.class, "status"),
                Requests.optionalEnum(trigger, RunTrigger.class, "trigger"),
                Requests.optionalInstant(since, "since"),
                Requests.optionalLong(cursor, "cursor"),
                pageSize + 1);
        List<RunWithStreams> found = runs.list(query);
        boolean more = found.size() > pageSize;
        List<RunWithStreams> page = more ? found.subList(0, pageSize) : found;
        return new RunPage(views.of(page), more ? Long.toString(page.get(page.size() - 1).run().id()) : null);
    }

    /** The run with its streams, read in one query: the API's busiest call while imports run. */
    @GET
    @Path("{id}")
    public RunView get(@PathParam("id") String id) {
        return views.of(runs.withStreams(Requests.id(id, "import run")));
    }

    /** Stops a run at its next page, keeping its checkpoint: 200 with the run, now cancelling or cancelled. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/cancel")
    public RunView cancel(@PathParam("id") String id) {
        return views.of(imports.cancel(find(id).id()));
    }

    /** Queues a {@code resume} run from the checkpoints of a failed, interrupted or cancelled run: 202. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/resume")
    public Response resume(@PathParam("id") String id, @QueryParam("force") String force,
                           @Context SecurityContext security) {
        RunRow resumed = imports.resume(find(id).id(), null, Requests.caller(security), Requests.flag(force, "force"));
        return Response.accepted(views.of(resumed)).build();
    }

    private RunRow find(String id) {
        return runs.get(Requests.id(id, "import run"));
    }
}
