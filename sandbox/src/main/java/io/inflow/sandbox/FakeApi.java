package io.inflow.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inflow.sandbox.faults.Fault;
import io.inflow.sandbox.http.Reply;
import io.inflow.sandbox.http.Request;
import java.util.List;

/**
 * One faked upstream API, served under {@code /<name>} and administered under
 * {@code /_sandbox/<name>/...}. A new fake implements this and is added to {@link Sandbox}'s list.
 */
public interface FakeApi {

    /** Lower-case name: the path prefix, the key in admin answers and the {@code api=} value. */
    String name();

    default String pathPrefix() {
        return "/" + name();
    }

    /**
     * Answers a request under {@link #pathPrefix()}; its path still holds the prefix, as it was sent.
     * The request carries the faults drawn for it; {@link FaultReplies} applies the answer-level ones.
     */
    Reply handle(Request request);

    ApiTraffic traffic();

    /** Every request this API answered since the last reset, whatever its status. */
    default long requestCount() {
        return traffic().requestCount();
    }

    /** Requests refused for breaking the API's real limits; an injected 429 is never one. */
    default long violationCount() {
        return traffic().violationCount();
    }

    /** How many faults of this kind were injected since the last reset; records for malformedRecord. */
    default long faultCount(Fault fault) {
        return traffic().faultCount(fault);
    }

    /** The request log, oldest first, as {@code GET /_sandbox/requests?api=<name>} shows it. */
    default List<LoggedRequest> requests() {
        return traffic().requests();
    }

    /** This API's entry in {@code GET /_sandbox/stats}. */
    ObjectNode stats();

    /**
     * Connection bodies for the server's {@code POST /api/v1/connections}, pointing here, by the
     * key they have in {@code GET /_sandbox/connections}: one per account or base the fake serves.
     */
    ObjectNode connections(String sandboxBaseUrl);

    /**
     * Applies {@code POST /_sandbox/<name>/modify}: {@code {"count":N}} plus whatever the API lets
     * one choose (Airtable: {@code "base"}), deterministically from the seed and earlier calls.
     *
     * @throws IllegalArgumentException when the body asks for something impossible
     */
    Modification modify(JsonNode body);

    /**
     * Applies {@code POST /_sandbox/<name>/delete}: {@code {"count":N}} plus whatever the API lets one choose
     * (Airtable: {@code "base"}) deletes N records that are not deleted yet, chosen deterministically from the
     * seed and the admin calls before (the same calls delete the same records), and shows their deletion as the
     * API would (gone from lists, or marked deleted where the API does that). Deleted records leave the
     * {@code streams} of {@link #stats()}. Thread-safe; a refused body changes nothing.
     *
     * @return how many were deleted and their ids as the API itself shows them
     * @throws IllegalArgumentException when the body is malformed, has unknown keys, or counts more than remain
     */
    Deletion delete(JsonNode body);

    /**
     * Applies {@code POST /_sandbox/<name>/restore}: {@code {"ids":[...]}} brings these deleted records back as they
     * were (same id, same content), as the API would show a record coming back. All or nothing: an unknown id, one
     * that is not deleted, or a malformed body restores none. Thread-safe.
     *
     * @throws IllegalArgumentException naming the first id that cannot be restored, or the body's fault
     */
    Restoration restore(JsonNode body);

    /** Applies {@code POST /_sandbox/<name>/limits} and answers the limits now in force. */
    ObjectNode updateLimits(JsonNode body);

    ObjectNode limits();

    /**
     * Clears counters (fault counters included), the request log and any rate-limit state, and restores every
     * deleted record as {@link #restore} would, so one test's deletions never show in another's figures. The rest of
     * the data stays as it is, modifications included.
     */
    void reset();
}
