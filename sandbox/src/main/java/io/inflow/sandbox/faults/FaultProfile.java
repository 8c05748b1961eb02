package io.inflow.sandbox.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each kind of fault hits a request to a fake API: shares between 0 (never) and 1
 * (always), drawn independently per request; {@code slowMs} is how late a slow answer comes.
 * {@link #NONE} injects nothing. A change returns a new profile.
 */
public record FaultProfile(
        double http429,
        double http5xx,
        double slow,
        double drop,
        double malformedPage,
        double malformedRecord,
        double expiredToken,
        long slowMs) {

    public static final long DEFAULT_SLOW_MS = 2_000;
    public static final FaultProfile NONE = new FaultProfile(0, 0, 0, 0, 0, 0, 0, DEFAULT_SLOW_MS);

    private static final String SLOW_MS = "slowMs";
    private static final ObjectReader READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    public FaultProfile {
        for (Fault fault : Fault.values()) {
            double share = share(fault, http429, http5xx, slow, drop, malformedPage, malformedRecord, expiredToken);
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(fault.key() + " must be a share between 0 and 1, got " + share);
            }
        }
        if (slowMs < 0) {
            throw new IllegalArgumentException("slowMs must not be negative, got " + slowMs);
        }
    }

    /**
     * Reads a profile such as {@code {"http5xx":0.1,"slow":0.05,"slowMs":3000}}: missing keys are 0
     * (and {@code slowMs} 2000), so {@code {}} heals everything.
     *
     * @throws IllegalArgumentException with a message fit for the user when the text is not JSON, not an
     *     object, names an unknown key, or gives a value that is not a number or is out of range
     */
    public static FaultProfile parse(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the fault profile is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a fault profile is a JSON object such as {\"http5xx\":0.1}");
        }
        FaultProfile profile = NONE;
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            profile = profile.read(field.getKey(), field.getValue());
        }
        return profile;
    }

    private FaultProfile read(String key, JsonNode value) {
        if (key.equals(SLOW_MS)) {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
                throw new IllegalArgumentException("slowMs must be a whole, non-negative number of milliseconds, got " + value);
            }
            return withSlowMs(value.longValue());
        }
        Fault fault = Fault.byKey(key).orElseThrow(() -> new IllegalArgumentException(
                "unknown fault " + key + "; known: " + Arrays.stream(Fault.values()).map(Fault::key).toList() + " and slowMs"));
        if (!value.isNumber()) {
            throw new IllegalArgumentException(key + " must be a number between 0 and 1, got " + value);
        }
        return with(fault, value.doubleValue());
    }

    /** The share of requests this kind of fault hits; for malformedRecord, the share of records. */
    public double share(Fault fault) {
        return share(fault, http429, http5xx, slow, drop, malformedPage, malformedRecord, expiredToken);
    }

    private static double share(Fault fault, double http429, double http5xx, double slow, double drop,
            double malformedPage, double malformedRecord, double expiredToken) {
        return switch (fault) {
            case HTTP_429 -> http429;
            case HTTP_5XX -> http5xx;
            case SLOW -> slow;
            case DROP -> drop;
            case MALFORMED_PAGE -> malformedPage;
            case MALFORMED_RECORD -> malformedRecord;
            case EXPIRED_TOKEN -> expiredToken;
        };
    }

    public FaultProfile with(Fault fault, double share) {
        return new FaultProfile(
                fault == Fault.HTTP_429 ? share : http429,
                fault == Fault.HTTP_5XX ? share : http5xx,
                fault == Fault.SLOW ? share : slow,
                fault == Fault.DROP ? share : drop,
                fault == Fault.MALFORMED_PAGE ? share : malformedPage,
                fault == Fault.MALFORMED_RECORD ? share : malformedRecord,
                fault == Fault.EXPIRED_TOKEN ? share : expiredToken,
                slowMs);
    }

    public FaultProfile withSlowMs(long millis) {
        return new FaultProfile(http429, http5xx, slow, drop, malformedPage, malformedRecord, expiredToken, millis);
    }

    /** Every key, shares first, in a stable order: what {@code GET /_sandbox/faults} answers. */
    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        for (Fault fault : Fault.values()) {
            json.put(fault.key(), share(fault));
        }
        json.put(SLOW_MS, slowMs);
        return json;
    }
}
