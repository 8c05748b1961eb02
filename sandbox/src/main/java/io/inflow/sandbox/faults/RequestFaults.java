package io.inflow.sandbox.faults;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The faults drawn for one request, and those its answer ended up carrying. Every kind is drawn
 * independently, but at most one applies, the first that hit in this order: {@code drop},
 * {@code http5xx}, {@code http429}, {@code slow} (these four decide the answer as a whole), then
 * {@code expiredToken} (only when the request carries an offset), {@code malformedPage} (only on a
 * list-records page) and last {@code malformedRecord}, drawn record by record.
 *
 * <p>The handlers ask for the content faults at the point where each would happen, so an answer
 * that fails for another reason (401, 422 ...) stays as it was. Used by one thread at a time: the
 * one answering the request.
 */
public final class RequestFaults {

    /** The answer-level faults, in the order they win. */
    private static final List<Fault> ANSWER_FAULTS = List.of(Fault.DROP, Fault.HTTP_5XX, Fault.HTTP_429, Fault.SLOW);
    private static final List<Integer> SERVER_ERRORS = List.of(500, 502, 503);

    private final FaultProfile profile;
    private final SplittableRandom random;
    private final Fault answerFault;
    private final boolean expiredTokenHit;
    private final boolean malformedPageHit;
    private Fault applied;
    private int corruptedRecords;

    private RequestFaults(FaultProfile profile, SplittableRandom random) {
        this.profile = profile;
        this.random = random;
        // every kind is drawn, even at share 0 or once another has hit, so that later draws
        // (the 5xx status, the cut, the records) come from the same place whatever the profile
        Fault first = null;
        for (Fault fault : ANSWER_FAULTS) {
            if (hits(fault) && first == null) {
                first = fault;
            }
        }
        this.expiredTokenHit = hits(Fault.EXPIRED_TOKEN);
        this.malformedPageHit = hits(Fault.MALFORMED_PAGE);
        this.answerFault = first;
        this.applied = first;
    }

    /** Draws this request's faults from its own random stream, seeded by the sandbox's fault dice. */
    static RequestFaults draw(FaultProfile profile, long seed) {
        return new RequestFaults(profile, new SplittableRandom(seed));
    }

    /** No fault at all: for requests that are never faulted, such as admin calls, and for tests. */
    public static RequestFaults none() {
        return draw(FaultProfile.NONE, 0);
    }

    private boolean hits(Fault fault) {
        return random.nextDouble() < profile.share(fault);
    }

    /** The fault that replaces or delays the whole answer: drop, http5xx, http429 or slow. */
    public Optional<Fault> answerFault() {
        return Optional.ofNullable(answerFault);
    }

    /** For an injected 5xx: 500, 502 or 503, drawn from this request's stream. */
    public int serverErrorStatus() {
        return SERVER_ERRORS.get(random.nextInt(SERVER_ERRORS.size()));
    }

    public Duration slowness() {
        return Duration.ofMillis(profile.slowMs());
    }

    /** Asked when a request with an offset is about to resume its scan: true means "act as if it expired". */
    public boolean expiresIterator() {
        if (applied == null && expiredTokenHit) {
            applied = Fault.EXPIRED_TOKEN;
            return true;
        }
        return false;
    }

    /** Asked once a list-records page is ready to go: true means "send it cut short". */
    public boolean truncatesPage() {
        if (applied == null && malformedPageHit) {
            applied = Fault.MALFORMED_PAGE;
            return true;
        }
        return false;
    }

    /**
     * A prefix of {@code body} at least one byte long and at least one byte short, so that a JSON
     * object or array never parses.
     */
    public byte[] truncate(byte[] body) {
        if (body.length < 2) {
            return new byte[0];
        }
        return Arrays.copyOf(body, 1 + random.nextInt(body.length - 1));
    }

    /** Asked for each record written: true means "corrupt this one"; drawn anew on every call. */
    public boolean corruptsRecord() {
        if (applied != null && applied != Fault.MALFORMED_RECORD) {
            return false;
        }
        double share = profile.malformedRecord();
        if (share <= 0 || random.nextDouble() >= share) {
            return false;
        }
        applied = Fault.MALFORMED_RECORD;
        corruptedRecords++;
        return true;
    }

    /** The fault this request's answer carried, if any. */
    public Optional<Fault> applied() {
        return Optional.ofNullable(applied);
    }

    /** How many faults to count for {@link #applied()}: the corrupted records for malformedRecord, else 1. */
    public int appliedCount() {
        if (applied == null) {
            return 0;
        }
        return applied == Fault.MALFORMED_RECORD ? corruptedRecords : 1;
    }
}
