package io.inflow.sandbox.airtable.formula;

import io.inflow.sandbox.airtable.Timestamps;
import java.time.Instant;
import java.util.Optional;

/**
 * Airtable's loose typing inside formulas. A value is null (blank), {@code String}, {@code Double},
 * {@code Boolean} or {@code Instant}; checkboxes count as 1 and 0, dates compare as instants.
 */
final class Values {

    private Values() {}

    static Object normalize(Object value) {
        if (value instanceof Number number && !(value instanceof Double)) {
            return number.doubleValue();
        }
        return value;
    }

    /** Whether a record passes: Airtable drops 0, false, "", NaN, blank and errors. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Double number) {
            return number != 0 && !number.isNaN();
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        return true;
    }

    static boolean equal(Object left, Object right) {
        if (left == null && right == null) {
            return true;
        }
        if (left instanceof Instant || right instanceof Instant) {
            Optional<Long> a = millis(left);
            Optional<Long> b = millis(right);
            return a.isPresent() && a.equals(b);
        }
        if (isNumeric(left) || isNumeric(right)) {
            Optional<Double> a = number(left);
            Optional<Double> b = number(right);
            if (a.isPresent() && b.isPresent()) {
                return a.get().doubleValue() == b.get().doubleValue();
            }
        }
        return text(left).equals(text(right));
    }

    /** Orders two values for {@code < > <= >=}; numbers numerically, dates in time, else as text. */
    static int compare(Object left, Object right) {
        if (left instanceof Instant || right instanceof Instant) {
            long a = millis(left).orElseThrow(() -> new EvaluationException("not a date: " + left));
            long b = millis(right).orElseThrow(() -> new EvaluationException("not a date: " + right));
            return Long.compare(a, b);
        }
        if (isNumeric(left) || isNumeric(right) || left == null || right == null) {
            Optional<Double> a = number(left);
            Optional<Double> b = number(right);
            if (a.isPresent() && b.isPresent()) {
                return Double.compare(a.get(), b.get());
            }
        }
        return text(left).compareTo(text(right));
    }

    static double requireNumber(Object value) {
        return number(value).orElseThrow(() -> new EvaluationException("not a number: " + value));
    }

    static long requireMillis(Object value) {
        return millis(value).orElseThrow(() -> new EvaluationException("not a date: " + value));
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            double d = number;
            return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
        }
        if (value instanceof Boolean bool) {
            return bool ? "1" : "0";
        }
        if (value instanceof Instant instant) {
            return Timestamps.format(instant.toEpochMilli());
        }
        return value.toString();
    }

    private static boolean isNumeric(Object value) {
        return value instanceof Double || value instanceof Boolean;
    }

    private static Optional<Double> number(Object value) {
        if (value == null) {
            return Optional.of(0.0);
        }
        if (value instanceof Double number) {
            return Optional.of(number);
        }
        if (value instanceof Boolean bool) {
            return Optional.of(bool ? 1.0 : 0.0);
        }
        if (value instanceof String text) {
            if (text.isBlank()) {
                return Optional.of(0.0);
            }
            try {
                return Optional.of(Double.parseDouble(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> millis(Object value) {
        if (value instanceof Instant instant) {
            return Optional.of(instant.toEpochMilli());
        }
        if (value instanceof String text) {
            return Timestamps.parse(text);
        }
        return Optional.empty();
    }
}
