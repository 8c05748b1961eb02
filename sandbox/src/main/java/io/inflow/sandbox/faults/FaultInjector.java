package io.inflow.sandbox.faults;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The fault profile in force and the seeded dice that apply it. Each request to a fake API takes
 * one number from a stream seeded by the sandbox's seed, and draws its faults from a stream of its
 * own seeded with it: the same seed and the same sequence of requests give the same faults,
 * whatever the profile was in between.
 */
public final class FaultInjector {

    /** Keeps the fault stream apart from the data streams that the same seed feeds. */
    private static final long STREAM = 0x6A09E667F3BCC909L;

    private final SplittableRandom dice;
    private volatile FaultProfile profile;

    public FaultInjector(long seed, FaultProfile profile) {
        this.dice = new SplittableRandom(seed ^ STREAM);
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** The faults of the next request, drawn under the profile now in force. */
    public RequestFaults roll() {
        long seed;
        synchronized (dice) {
            seed = dice.nextLong();
        }
        return RequestFaults.draw(profile, seed);
    }

    public FaultProfile profile() {
        return profile;
    }

    /** Replaces the profile; requests drawn from now on follow it. */
    public void use(FaultProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }
}
