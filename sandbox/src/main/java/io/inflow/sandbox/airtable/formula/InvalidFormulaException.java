package io.inflow.sandbox.airtable.formula;

/** The formula cannot be compiled; {@link #getMessage()} is what Airtable tells the caller. */
public final class InvalidFormulaException extends RuntimeException {

    public static final String INVALID = "Invalid formula. Please check your formula text.";

    private final String detail;

    private InvalidFormulaException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    /** A syntax error, unknown function or wrong argument count: Airtable names none of them. */
    public static InvalidFormulaException invalid(String detail) {
        return new InvalidFormulaException(INVALID, detail);
    }

    public static InvalidFormulaException unknownField(String name) {
        return new InvalidFormulaException("Unknown field names: " + name, "unknown field {" + name + "}");
    }

    /** What exactly went wrong, for the sandbox's own log. */
    public String detail() {
        return detail;
    }
}
