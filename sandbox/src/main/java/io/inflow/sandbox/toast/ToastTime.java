package io.inflow.sandbox.toast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Toast's date-times: ISO-8601 with milliseconds and a numeric offset without a colon, such as
 * {@code 2017-05-09T16:24:09.881+0000}. The API writes UTC; requests may use any offset but no other form.
 */
public final class ToastTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter WRITTEN = FORMAT.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter BUSINESS_DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern REQUEST_FORM =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");
    private static final Pattern BUSINESS_DATE_FORM = Pattern.compile("\\d{8}");

    private ToastTime() {}

    public static String format(long epochMillis) {
        return WRITTEN.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A {@code startDate} or {@code endDate} parameter, in exactly the documented form. */
    static Optional<Instant> parseParam(String text) {
        if (!REQUEST_FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, FORMAT).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A {@code businessDate} parameter, {@code yyyyMMdd}. */
    static Optional<LocalDate> parseBusinessDate(String text) {
        if (!BUSINESS_DATE_FORM.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text, BUSINESS_DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static int businessDate(LocalDate date) {
        return Integer.parseInt(BUSINESS_DATE.format(date));
    }

    /**
     * The business date an instant falls in at a restaurant: its local date, where the day ends at the closeout
     * hour rather than at midnight, so an order at 01:30 belongs to the evening before.
     */
    static int businessDateAt(long epochMillis, ZoneId zone, int closeoutHour) {
        LocalDate local = Instant.ofEpochMilli(epochMillis).atZone(zone).minusHours(closeoutHour).toLocalDate();
        return businessDate(local);
    }
}
