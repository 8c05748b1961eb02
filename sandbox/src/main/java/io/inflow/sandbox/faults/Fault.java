package io.inflow.sandbox.faults;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of fault the sandbox can inject, in the order their keys appear in profiles and stats. */
public enum Fault {
    HTTP_429("http429"),
    HTTP_5XX("http5xx"),
    SLOW("slow"),
    DROP("drop"),
    MALFORMED_PAGE("malformedPage"),
    MALFORMED_RECORD("malformedRecord"),
    EXPIRED_TOKEN("expiredToken");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    /** The name in a fault profile, in {@code /_sandbox/stats} and in the request log. */
    public String key() {
        return key;
    }

    public static Optional<Fault> byKey(String key) {
        return Arrays.stream(values()).filter(fault -> fault.key.equals(key)).findFirst();
    }
}
