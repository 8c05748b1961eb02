package io.inflow.sandbox.airtable.formula;

/** A compiled {@code filterByFormula}: which records of its table pass. */
public final class Formula {

    private final String text;
    private final Expr expr;

    private Formula(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
    }

    /** Compiles against a table; throws {@link InvalidFormulaException} for bad syntax or unknown names. */
    public static Formula compile(String text, FormulaTable table) {
        return new Formula(text, Parser.parse(text, table));
    }

    /** Whether the record passes; a record whose evaluation fails does not, as in Airtable. */
    public boolean matches(int record) {
        try {
            return Values.truthy(expr.evaluate(record));
        } catch (EvaluationException e) {
            return false;
        }
    }

    /** The raw result, for tests and debugging. */
    public Object evaluate(int record) {
        return expr.evaluate(record);
    }

    public String text() {
        return text;
    }
}
