package io.inflow.plugins.toast;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Toast's date-times: ISO-8601 with milliseconds and an offset without a colon ({@code 2024-05-09T16:24:09.881+0000}),
 * the only form the Orders API accepts in {@code startDate} and {@code endDate}.
 */
final class ToastTimes {

    private static final DateTimeFormatter TOAST = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WRITTEN = TOAST.withZone(ZoneOffset.UTC);
    /** The most any place on earth is ahead of UTC: a business date starts no earlier than its midnight there. */
    private static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

    private ToastTimes() {}

    /** An instant as a request parameter, in UTC; Toast counts milliseconds, so finer parts are dropped. */
    static String format(Instant instant) {
        return WRITTEN.format(instant);
    }

    /** A date-time of Toast's, in its own form or any ISO-8601 form with an offset. */
    static Optional<Instant> parse(String text) {
        if (isToastForm(text)) {
            return parseToastForm(text);
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, TOAST).toInstant());
        } catch (DateTimeParseException notToast) {
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSS±HHMM}, checked by position: most of an order's dates, so worth a fast path. */
    private static boolean isToastForm(String text) {
        if (text.length() != 28) {
            return false;
        }
        for (int i = 0; i < 28; i++) {
            char c = text.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                case 23 -> c == '+' || c == '-';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Instant> parseToastForm(String text) {
        try {
            LocalDateTime local = LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), number(text, 20, 23) * 1_000_000);
            int sign = text.charAt(23) == '-' ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * number(text, 24, 26), sign * number(text, 26, 28));
            return Optional.of(local.toInstant(offset));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    /**
     * The earliest instant an order of this business date can have been created at, wherever the restaurant is:
     * its midnight at UTC+14. Starting a scan there never misses one of its orders, whatever the restaurant's
     * time zone and closeout hour.
     */
    static Instant earliestInstantOf(LocalDate businessDate) {
        return businessDate.atStartOfDay().toInstant(EARLIEST_OFFSET);
    }
}
