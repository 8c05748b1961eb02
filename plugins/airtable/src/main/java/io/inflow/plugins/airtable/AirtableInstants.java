package io.inflow.plugins.airtable;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads the instants Airtable writes ({@code 2024-05-01T09:30:00.000Z}: {@code createdTime} and "Last modified time"
 * fields) without {@link java.time.format.DateTimeFormatter}, which costs as much as the rest of mapping a record;
 * anything else ISO-8601 goes to {@link Instant#parse}.
 */
final class AirtableInstants {

    private static final int LENGTH = "2024-05-01T09:30:00.000Z".length();

    private AirtableInstants() {
    }

    /** The instant {@code text} names, or null when it is not an ISO-8601 instant. */
    static Instant parse(String text) {
        if (text.length() == LENGTH && hasAirtableShape(text)) {
            try {
                long day = LocalDate.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10)).toEpochDay();
                int hour = digits(text, 11, 13);
                int minute = digits(text, 14, 16);
                int second = digits(text, 17, 19);
                if (hour < 24 && minute < 60 && second < 60) {
                    return Instant.ofEpochSecond(day * 86_400 + hour * 3_600L + minute * 60L + second,
                            digits(text, 20, 23) * 1_000_000L);
                }
            } catch (DateTimeException e) {
                return null;
            }
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasAirtableShape(String text) {
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                case 23 -> c == 'Z';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
