package io.inflow.sandbox.airtable;

/**
 * Airtable-looking ids ({@code rec}, {@code itr}, {@code fld} ... plus 14 characters of
 * {@code [0-9A-Za-z]}), derived from numbers so that the same seed always gives the same ids.
 */
final class Ids {

    /** In ASCII order, so that ids compare like the numbers they encode. */
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Ids() {}

    /**
     * A record id, unique per index: 3 characters of noise, then 11 characters encoding a bijective
     * scramble of the index, which no two indexes share.
     */
    static String record(long seed, int index) {
        long scrambled = mix(index + mix(seed ^ 0x5DEECE66DL));
        long noise = mix(scrambled ^ 0x2545F4914F6CDD1DL);
        return "rec" + base62(noise, 3) + base62(scrambled, 11);
    }

    /** A 14-character suffix: 3 characters of noise and 11 encoding a bijective scramble of {@code number}. */
    static String suffix(long seed, long number) {
        long scrambled = mix(number + mix(seed ^ 0x3C6EF372FE94F82AL));
        return base62(mix(scrambled), 3) + base62(scrambled, 11);
    }

    /** An id for a schema element, stable whatever the seed: it only depends on the name. */
    static String named(String prefix, String name) {
        long hash = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            hash = 31 * hash + name.charAt(i);
        }
        return prefix + base62(mix(hash ^ prefix.hashCode()), 3) + base62(mix(hash), 11);
    }

    /** SplitMix64's finaliser: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The lowest {@code digits} base-62 digits of {@code value} read as unsigned. */
    static String base62(long value, int digits) {
        char[] out = new char[digits];
        long rest = value;
        for (int i = digits - 1; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) Long.remainderUnsigned(rest, 62));
            rest = Long.divideUnsigned(rest, 62);
        }
        return new String(out);
    }

    static boolean isIdChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (ALPHABET.indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
