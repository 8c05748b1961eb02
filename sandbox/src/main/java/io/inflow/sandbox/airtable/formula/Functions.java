package io.inflow.sandbox.airtable.formula;

import io.inflow.sandbox.airtable.formula.Expr.FunctionBody;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The formula functions the fake understands, bound to one table for the record-level ones. */
final class Functions {

    record Definition(int minArgs, int maxArgs, FunctionBody body) {
        boolean accepts(int count) {
            return count >= minArgs && count <= maxArgs;
        }
    }

    private static final int MANY = Integer.MAX_VALUE;

    private final Map<String, Definition> definitions = new HashMap<>();

    Functions(FormulaTable table) {
        define("AND", 1, MANY, (args, r) -> args.stream().allMatch(arg -> Values.truthy(arg.evaluate(r))));
        define("OR", 1, MANY, (args, r) -> args.stream().anyMatch(arg -> Values.truthy(arg.evaluate(r))));
        define("XOR", 1, MANY, (args, r) -> args.stream().filter(arg -> Values.truthy(arg.evaluate(r))).count() % 2 == 1);
        define("NOT", 1, 1, (args, r) -> !Values.truthy(args.get(0).evaluate(r)));
        define("IF", 2, 3, (args, r) -> Values.truthy(args.get(0).evaluate(r))
                ? args.get(1).evaluate(r)
                : args.size() == 3 ? args.get(2).evaluate(r) : null);
        define("TRUE", 0, 0, (args, r) -> Boolean.TRUE);
        define("FALSE", 0, 0, (args, r) -> Boolean.FALSE);
        define("BLANK", 0, 0, (args, r) -> null);
        define("IS_AFTER", 2, 2, (args, r) -> millisOf(args.get(0), r) > millisOf(args.get(1), r));
        define("IS_BEFORE", 2, 2, (args, r) -> millisOf(args.get(0), r) < millisOf(args.get(1), r));
        define("IS_SAME", 2, 3, (args, r) -> isSame(millisOf(args.get(0), r), millisOf(args.get(1), r),
                args.size() == 3 ? Values.text(args.get(2).evaluate(r)) : "millisecond"));
        define("DATETIME_PARSE", 1, 3, (args, r) -> Expr.instant(millisOf(args.get(0), r)));
        define("LAST_MODIFIED_TIME", 0, MANY, (args, r) -> Expr.instant(table.lastModifiedTime(r)));
        define("CREATED_TIME", 0, 0, (args, r) -> Expr.instant(table.createdTime(r)));
        define("RECORD_ID", 0, 0, (args, r) -> table.recordId(r));
        define("LEN", 1, 1, (args, r) -> (double) Values.text(args.get(0).evaluate(r)).length());
        define("LOWER", 1, 1, (args, r) -> Values.text(args.get(0).evaluate(r)).toLowerCase(Locale.ROOT));
        define("UPPER", 1, 1, (args, r) -> Values.text(args.get(0).evaluate(r)).toUpperCase(Locale.ROOT));
    }

    private void define(String name, int minArgs, int maxArgs, FunctionBody body) {
        definitions.put(name, new Definition(minArgs, maxArgs, body));
    }

    /** Function names are case-insensitive, as in Airtable. */
    Optional<Definition> find(String name) {
        return Optional.ofNullable(definitions.get(name.toUpperCase(Locale.ROOT)));
    }

    private static long millisOf(Expr expr, int record) {
        return Values.requireMillis(expr.evaluate(record));
    }

    private static boolean isSame(long a, long b, String unit) {
        ChronoUnit truncation = switch (unit.toLowerCase(Locale.ROOT).replaceAll("s$", "")) {
            case "millisecond" -> ChronoUnit.MILLIS;
            case "second" -> ChronoUnit.SECONDS;
            case "minute" -> ChronoUnit.MINUTES;
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            case "week" -> ChronoUnit.WEEKS;
            case "month" -> ChronoUnit.MONTHS;
            case "quarter" -> ChronoUnit.FOREVER;
            case "year" -> ChronoUnit.YEARS;
            default -> throw new EvaluationException("unknown unit " + unit);
        };
        return startOf(a, truncation).equals(startOf(b, truncation));
    }

    /** The start of the UTC period holding {@code millis}; FOREVER stands in for a quarter. */
    private static ZonedDateTime startOf(long millis, ChronoUnit unit) {
        ZonedDateTime time = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        return switch (unit) {
            case MILLIS, SECONDS, MINUTES, HOURS, DAYS -> time.truncatedTo(unit);
            case WEEKS -> time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case MONTHS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case YEARS -> time.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> time.truncatedTo(ChronoUnit.DAYS).with(IsoFields.DAY_OF_QUARTER, 1);
        };
    }

}
