package io.inflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak heap of a time window, read from a unified GC log written with {@code -Xlog:gc:file=…:time}: the
 * largest occupancy before a collection (the most the heap held), and the largest after one (the live set).
 *
 * <p>Usage: {@code GcPeak <gc.log> <from ISO instant> <to ISO instant>}; prints
 * {@code <peak before MB> <peak after MB> <collections> <committed MB>}. A collection that ends just after the
 * window still counts: the heap it found full was filled inside the window.
 */
public final class GcPeak {

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([^\\]]+)\\].*GC\\(\\d+\\) Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final long GRACE_MILLIS = 2_000;

    private GcPeak() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: GcPeak <gc.log> <from ISO instant> <to ISO instant>");
            System.exit(2);
        }
        Instant from = Instant.parse(args[1]);
        Instant to = Instant.parse(args[2]).plusMillis(GRACE_MILLIS);
        double before = 0;
        double after = 0;
        double committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            Instant at = OffsetDateTime.parse(m.group(1), TIME).toInstant();
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            collections++;
            before = Math.max(before, megabytes(m.group(2), m.group(3)));
            after = Math.max(after, megabytes(m.group(4), m.group(5)));
            committed = Math.max(committed, megabytes(m.group(6), m.group(7)));
        }
        System.out.printf("%.0f %.0f %d %.0f%n", before, after, collections, committed);
    }

    private static double megabytes(String amount, String unit) {
        double value = Double.parseDouble(amount);
        return switch (unit) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }
}
