package io.inflow.server.api;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.ImportRunDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/v1/imports}: import runs, their progress and their history. */
@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class ImportsResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final ImportRunDao runs;
    private final RunViews views;

    ImportsResource(ImportRunDao runs, RunViews views) {
        this.runs = runs;
        this.views = views;
    }

    /** The history, newest first, of one connection or of all. */
    @GET
    public List<RunView> list(@QueryParam("connection") String connection, @QueryParam("limit") String limit) {
        return views.of(runs.listNewestFirst(Requests.optionalLong(connection, "connection"),
                Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @GET
    @Path("{id}")
    public RunView get(@PathParam("id") String id) {
        long runId = Requests.id(id, "import run");
        return views.of(runs.find(runId).orElseThrow(() -> InflowException.notFound("import run", runId)));
    }
}
