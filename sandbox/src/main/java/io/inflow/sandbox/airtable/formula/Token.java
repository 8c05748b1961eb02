package io.inflow.sandbox.airtable.formula;

/** A lexical token; {@code text} is the unescaped content for fields and strings. */
record Token(Kind kind, String text, int position) {

    enum Kind { FIELD, STRING, NUMBER, IDENTIFIER, OPERATOR, LEFT_PAREN, RIGHT_PAREN, COMMA, END }

    boolean is(Kind expected) {
        return kind == expected;
    }

    boolean isOperator(String operator) {
        return kind == Kind.OPERATOR && text.equals(operator);
    }
}
