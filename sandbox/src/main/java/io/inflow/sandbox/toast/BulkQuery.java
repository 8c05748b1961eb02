package io.inflow.sandbox.toast;

import io.inflow.sandbox.http.QueryParams;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a {@code GET /ordersBulk}, checked as strictly as Toast documents them: a modified-time
 * window ({@code startDate} inclusive, {@code endDate} exclusive, ISO-8601 with milliseconds and a numeric offset,
 * after 2015-12-01, no longer than the window limit) or one {@code businessDate}; {@code pageSize} 1 to 100
 * (default 100); {@code page} from 1. Unknown or repeated parameters are refused.
 */
record BulkQuery(Instant start, Instant end, Integer businessDate, int pageSize, int page) {

    static final int MAX_PAGE_SIZE = 100;
    static final Instant EARLIEST = Instant.parse("2015-12-01T00:00:00Z");
    static final String EXAMPLE = "2016-01-01T14:13:12.000+0400";
    private static final Set<String> KNOWN = Set.of("startDate", "endDate", "businessDate", "pageSize", "page");

    static BulkQuery parse(QueryParams query, Period maxWindow) {
        for (String name : query.names()) {
            if (!KNOWN.contains(name)) {
                throw ToastError.badRequest("Unknown query parameter " + name);
            }
            if (query.all(name).size() > 1) {
                throw ToastError.badRequest("Query parameter " + name + " is repeated");
            }
        }
        int pageSize = integer(query, "pageSize", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        int page = integer(query, "page", 1, 1, Integer.MAX_VALUE);
        String startText = query.first("startDate").orElse(null);
        String endText = query.first("endDate").orElse(null);
        String businessText = query.first("businessDate").orElse(null);
        if (businessText != null) {
            if (startText != null || endText != null) {
                throw ToastError.badRequest("Use either startDate and endDate or businessDate, not both");
            }
            LocalDate date = ToastTime.parseBusinessDate(businessText).orElseThrow(
                    () -> ToastError.badRequest("businessDate must be a date in the format yyyymmdd, was " + businessText));
            return new BulkQuery(null, null, ToastTime.businessDate(date), pageSize, page);
        }
        if (startText == null || endText == null) {
            throw ToastError.badRequest(startText == null && endText == null
                    ? "Specify startDate and endDate, or businessDate"
                    : "startDate and endDate must be specified together");
        }
        Instant start = time("startDate", startText);
        Instant end = time("endDate", endText);
        if (!start.isAfter(EARLIEST)) {
            throw ToastError.badRequest("startDate must be after 2015-12-01T00:00:00.000+0000");
        }
        if (!end.isAfter(start)) {
            throw ToastError.badRequest("endDate must be later than startDate");
        }
        if (end.isAfter(start.atOffset(ZoneOffset.UTC).plus(maxWindow).toInstant())) {
            throw ToastError.badRequest("The period between startDate and endDate must not be longer than " + describe(maxWindow));
        }
        return new BulkQuery(start, end, null, pageSize, page);
    }

    boolean matches(Order order) {
        if (businessDate != null) {
            return order.businessDate() == businessDate;
        }
        long modified = order.modifiedAt();
        return modified >= start.toEpochMilli() && modified < end.toEpochMilli();
    }

    /** The parameters that select the orders, in the order links repeat them. */
    List<String> selectionNames() {
        return businessDate != null ? List.of("businessDate") : List.of("startDate", "endDate");
    }

    private static Instant time(String name, String text) {
        return ToastTime.parseParam(text).orElseThrow(() -> ToastError.badRequest(
                name + " must be an ISO-8601 date and time with milliseconds and a numeric offset, such as "
                        + EXAMPLE + "; was " + text));
    }

    private static int integer(QueryParams query, String name, int fallback, int min, int max) {
        String text = query.first(name).orElse(null);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ToastError.badRequest(name + " must be a whole number from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", was " + text);
    }

    private static String describe(Period period) {
        return period.equals(Period.ofMonths(1)) ? "one month" : period.toString();
    }
}
