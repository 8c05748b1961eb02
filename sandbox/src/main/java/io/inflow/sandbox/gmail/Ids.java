package io.inflow.sandbox.gmail;

/** Seeded scrambles for the Gmail fake's ids and tokens. */
final class Ids {

    private Ids() {}

    /** A bijective 64-bit mix (the SplitMix64 finaliser). */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
