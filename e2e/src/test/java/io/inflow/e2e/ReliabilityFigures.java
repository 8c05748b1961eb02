package io.inflow.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The size of the reliability scenarios and where their figures go. The short form (CI's {@code mvn verify}) is
 * the default; {@code -Dreliability.full=true} ({@code bench/reliability.sh}) runs the long one, and each size can
 * be set on its own. Each scenario writes {@code <name>.json} into {@code reliability.results.dir}, which the
 * script merges into {@code bench/results/}.
 */
final class ReliabilityFigures {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReliabilityFigures() {
    }

    static boolean full() {
        return Boolean.getBoolean("reliability.full");
    }

    /** A size: {@code -Dreliability.<name>=}, else the full or the short default. */
    static int size(String name, int shortDefault, int fullDefault) {
        return Integer.getInteger("reliability." + name, full() ? fullDefault : shortDefault);
    }

    /** A seed for a scenario's random choices, printed so that {@code -Dreliability.seed=} reproduces a run. */
    static long seed(String scenario) {
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        System.out.println("[reliability] " + scenario + " seed " + seed + " (reproduce with -Dreliability.seed="
                + seed + ")");
        return seed;
    }

    /** Writes a scenario's figures as {@code <scenario>.json} and prints them. */
    static void write(String scenario, Map<String, Object> figures) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("scenario", scenario);
        all.put("form", full() ? "full" : "short");
        all.putAll(figures);
        try {
            Path folder = Path.of(System.getProperty("reliability.results.dir", "target/reliability"));
            Files.createDirectories(folder);
            String text = MAPPER.writeValueAsString(all);
            Files.writeString(folder.resolve(scenario + ".json"), text);
            System.out.println("[reliability] " + text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
