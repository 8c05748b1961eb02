package io.inflow.sandbox.airtable.formula;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;

/** A compiled formula node, evaluated for one record at a time. */
interface Expr {

    Object evaluate(int record);

    record Literal(Object value) implements Expr {
        @Override
        public Object evaluate(int record) {
            return value;
        }
    }

    record FieldRef(String name, IntFunction<Object> reader) implements Expr {
        @Override
        public Object evaluate(int record) {
            return Values.normalize(reader.apply(record));
        }
    }

    record Call(String name, FunctionBody body, List<Expr> args) implements Expr {
        @Override
        public Object evaluate(int record) {
            return body.apply(args, record);
        }
    }

    record Negate(Expr operand) implements Expr {
        @Override
        public Object evaluate(int record) {
            return -Values.requireNumber(operand.evaluate(record));
        }
    }

    record Binary(String operator, Expr left, Expr right) implements Expr {
        @Override
        public Object evaluate(int record) {
            Object a = left.evaluate(record);
            Object b = right.evaluate(record);
            switch (operator) {
                case "=": return Values.equal(a, b);
                case "!=": return !Values.equal(a, b);
                case "<": return Values.compare(a, b) < 0;
                case ">": return Values.compare(a, b) > 0;
                case "<=": return Values.compare(a, b) <= 0;
                case ">=": return Values.compare(a, b) >= 0;
                case "&": return Values.text(a) + Values.text(b);
                case "+": return Values.requireNumber(a) + Values.requireNumber(b);
                case "-": return Values.requireNumber(a) - Values.requireNumber(b);
                case "*": return Values.requireNumber(a) * Values.requireNumber(b);
                case "/": return divide(Values.requireNumber(a), Values.requireNumber(b));
                default: throw new IllegalStateException("operator " + operator);
            }
        }

        private static double divide(double dividend, double divisor) {
            if (divisor == 0) {
                throw new EvaluationException("division by zero");
            }
            return dividend / divisor;
        }
    }

    /** A function's implementation; it gets its arguments unevaluated, so AND, OR and IF can stop early. */
    @FunctionalInterface
    interface FunctionBody {
        Object apply(List<Expr> args, int record);
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
