package io.inflow.server.api;

import io.inflow.server.auth.Roles;
import io.inflow.server.deadletters.DeadLetterReplay;
import io.inflow.server.deadletters.DeadLetters;
import io.inflow.server.deadletters.ReplayResult;
import io.inflow.server.errors.InflowException;
import io.inflow.server.store.DeadLetterRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/dead-letters}: records that could not be mapped or stored, and their replay. */
@Path("/api/v1/dead-letters")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.APPLICATION_JSON)
public final class DeadLettersResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final DeadLetters letters;
    private final DeadLetterReplay replay;

    DeadLettersResource(DeadLetters letters, DeadLetterReplay replay) {
        this.letters = letters;
        this.replay = replay;
    }

    /** A page of dead letters, newest first: open ones, or all with {@code all=true}. */
    public record Page(List<DeadLetterView> deadLetters, String nextCursor) {
    }

    /** What a replay of several letters did. */
    public record Replayed(int stored, int failed, List<ReplayResult> results) {
    }

    @GET
    public Page list(@QueryParam("connection") String connection, @QueryParam("run") String run,
                     @QueryParam("all") String all, @QueryParam("cursor") String cursor,
                     @QueryParam("limit") String limit) {
        int pageSize = Requests.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<DeadLetterRow> found = letters.list(Requests.optionalLong(connection, "connection"),
                Requests.optionalLong(run, "run"), Requests.flag(all, "all"), Requests.optionalLong(cursor, "cursor"),
                pageSize + 1);
        boolean more = found.size() > pageSize;
        List<DeadLetterRow> page = more ? found.subList(0, pageSize) : found;
        return new Page(page.stream().map(DeadLetterView::of).toList(),
                more ? Long.toString(page.get(page.size() - 1).id()) : null);
    }

    @GET
    @Path("{id}")
    public DeadLetterView get(@PathParam("id") String id) {
        return DeadLetterView.of(letters.get(Requests.id(id, "dead letter")));
    }

    /** Tries one letter again: 200 with whether the record is now stored. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/replay")
    public ReplayResult replay(@PathParam("id") String id) throws InterruptedException {
        return replay.replay(Requests.id(id, "dead letter"));
    }

    /** Tries every open letter of a run again ({@code run} is required). */
    @POST
    @RolesAllowed(Roles.ADMIN)
    @Path("replay")
    public Replayed replayRun(@QueryParam("run") String run) throws InterruptedException {
        Long runId = Requests.optionalLong(run, "run");
        if (runId == null) {
            throw InflowException.invalid("invalid_parameter", "run is required: the run whose letters to replay",
                    Map.of("parameter", "run"));
        }
        List<ReplayResult> results = replay.replayRun(runId);
        int stored = (int) results.stream().filter(ReplayResult::stored).count();
        return new Replayed(stored, results.size() - stored, results);
    }
}
