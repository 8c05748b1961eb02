package io.inflow.e2e;

/**
 * The JUnit tags that say which suite runs a test. {@code mvn verify} runs every e2e test but those tagged
 * {@link #RELIABILITY_ONLY}; {@code bench/reliability.sh} runs those tagged {@link #RELIABILITY} or
 * {@link #RELIABILITY_ONLY}, in their full form ({@code -Dreliability.full=true}).
 */
final class Suites {

    /** A reliability scenario: its short form runs in {@code mvn verify}, its full form in the reliability suite. */
    static final String RELIABILITY = "reliability";

    /**
     * A long scenario that runs only in the reliability suite, not in {@code mvn verify}: what it covers has shorter
     * tests there (each use names them).
     */
    static final String RELIABILITY_ONLY = "reliability-only";

    private Suites() {
    }
}
