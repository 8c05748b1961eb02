package io.inflow.sandbox.airtable.formula;

import io.inflow.sandbox.airtable.formula.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits formula text into tokens: {@code {Field}}, quoted strings, numbers, names, operators. */
final class Lexer {

    private static final String[] OPERATORS = {"!=", "<=", ">=", "=", "<", ">", "&", "+", "-", "*", "/"};

    private final String text;
    private int position;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= text.length()) {
                tokens.add(new Token(Kind.END, "", position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        int start = position;
        char c = text.charAt(position);
        if (c == '{') {
            position++;
            return new Token(Kind.FIELD, until('}', "field name"), start);
        }
        if (c == '\'' || c == '"') {
            position++;
            return new Token(Kind.STRING, until(c, "string"), start);
        }
        if (Character.isDigit(c) || (c == '.' && position + 1 < text.length() && Character.isDigit(text.charAt(position + 1)))) {
            return new Token(Kind.NUMBER, number(), start);
        }
        if (Character.isLetter(c) || c == '_') {
            while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
            return new Token(Kind.IDENTIFIER, text.substring(start, position), start);
        }
        if (c == '(' || c == ')' || c == ',') {
            position++;
            Kind kind = c == '(' ? Kind.LEFT_PAREN : c == ')' ? Kind.RIGHT_PAREN : Kind.COMMA;
            return new Token(kind, String.valueOf(c), start);
        }
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, position)) {
                position += operator.length();
                return new Token(Kind.OPERATOR, operator, start);
            }
        }
        throw InvalidFormulaException.invalid("unexpected character '" + c + "' at " + start);
    }

    /** Reads up to the closing character; a backslash escapes the next character. */
    private String until(char closing, String what) {
        StringBuilder content = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == closing) {
                return content.toString();
            }
            if (c == '\\' && position < text.length()) {
                char escaped = text.charAt(position++);
                content.append(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
            } else {
                content.append(c);
            }
        }
        throw InvalidFormulaException.invalid("unterminated " + what);
    }

    private String number() {
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (position < text.length() && text.charAt(position) == '.') {
            position++;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
        }
        return text.substring(start, position);
    }

    private void skipWhitespace() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }
}
