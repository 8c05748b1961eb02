package io.inflow.sandbox.airtable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Airtable's date-times: UTC, millisecond precision, always written with three fraction digits and Z. */
public final class Timestamps {

    private static final DateTimeFormatter WRITTEN =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(long epochMillis) {
        return WRITTEN.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Reads the ISO forms Airtable accepts in formulas: a date, a local date-time (taken as UTC), or
     * a date-time with {@code Z} or an offset; finer than milliseconds is cut off.
     */
    public static Optional<Long> parse(String text) {
        String trimmed = text.trim();
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant().toEpochMilli());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC).toEpochMilli());
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }
}
