package io.inflow.sandbox.gmail;

/**
 * Page tokens that look like Gmail's (a 19 or 20 digit number) and hold where the next page starts and a
 * fingerprint of the query they belong to: a token used with another query, or made up, is refused. They do
 * not expire: positions stay valid as mail arrives, since new mail sorts before any page already served.
 */
final class PageTokens {

    private static final long MULTIPLIER = 0xD1B54A32D192ED03L;
    private static final long INVERSE = inverse(MULTIPLIER);
    private static final long SALT = 0xA5A5_5A5A_C3C3_3C3CL;
    private static final int HASH_BITS = 24;
    private static final long HASH_MASK = (1L << HASH_BITS) - 1;

    private PageTokens() {}

    static String encode(long position, long fingerprint) {
        long value = (position << HASH_BITS) | (fingerprint & HASH_MASK);
        return Long.toUnsignedString((value * MULTIPLIER) ^ SALT);
    }

    /** The position a token holds, or -1 when it is not one of ours for this fingerprint. */
    static long decode(String token, long fingerprint) {
        long scrambled;
        try {
            scrambled = Long.parseUnsignedLong(token);
        } catch (NumberFormatException e) {
            return -1;
        }
        long value = (scrambled ^ SALT) * INVERSE;
        if ((value & HASH_MASK) != (fingerprint & HASH_MASK)) {
            return -1;
        }
        return value >>> HASH_BITS;
    }

    /** A fingerprint of the parameters a listing's pages must share. */
    static long fingerprint(String... parts) {
        long hash = 0x1234_5678L;
        for (String part : parts) {
            hash = Ids.mix(hash ^ (part == null ? 0 : part.hashCode()) ^ ((long) (part == null ? -1 : part.length()) << 32));
        }
        return hash;
    }

    private static long inverse(long odd) {
        long inverse = odd;
        for (int i = 0; i < 6; i++) {
            inverse *= 2 - odd * inverse;
        }
        return inverse;
    }
}
