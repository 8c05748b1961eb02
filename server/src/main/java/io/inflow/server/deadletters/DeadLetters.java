package io.inflow.server.deadletters;

import io.inflow.server.errors.InflowException;
import io.inflow.server.store.DeadLetterDao;
import io.inflow.server.store.DeadLetterRow;
import java.util.List;

/** The records that could not be mapped or stored, as the upstream sent them. */
public final class DeadLetters {

    private final DeadLetterDao letters;

    public DeadLetters(DeadLetterDao letters) {
        this.letters = letters;
    }

    /**
     * A page of letters, newest first.
     *
     * @param connectionId only this connection's, or null for every connection's
     * @param runId only this run's, or null for every run's
     * @param includeReplayed also the letters replayed already
     * @param beforeId only letters older than this one (a page's cursor), or null
     */
    public List<DeadLetterRow> list(Long connectionId, Long runId, boolean includeReplayed, Long beforeId, int limit) {
        return letters.list(connectionId, runId, includeReplayed, beforeId, limit);
    }

    /** @throws InflowException NOT_FOUND */
    public DeadLetterRow get(long letterId) {
        return letters.find(letterId).orElseThrow(() -> InflowException.notFound("dead letter", letterId));
    }
}
