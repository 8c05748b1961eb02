package io.inflow.sandbox.airtable.formula;

import io.inflow.sandbox.airtable.formula.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Recursive descent over the tokens. Precedence, loosest first: comparisons, {@code &},
 * {@code + -}, {@code * /}, unary minus.
 */
final class Parser {

    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", ">", "<=", ">=");

    private final List<Token> tokens;
    private final FormulaTable table;
    private final Functions functions;
    private int next;

    private Parser(List<Token> tokens, FormulaTable table) {
        this.tokens = tokens;
        this.table = table;
        this.functions = new Functions(table);
    }

    static Expr parse(String text, FormulaTable table) {
        Parser parser = new Parser(Lexer.tokens(text), table);
        Expr expr = parser.comparison();
        if (!parser.peek().is(Kind.END)) {
            throw InvalidFormulaException.invalid("unexpected '" + parser.peek().text() + "' at " + parser.peek().position());
        }
        return expr;
    }

    private Expr comparison() {
        Expr left = concatenation();
        while (peek().is(Kind.OPERATOR) && COMPARISONS.contains(peek().text())) {
            String operator = take().text();
            left = new Expr.Binary(operator, left, concatenation());
        }
        return left;
    }

    private Expr concatenation() {
        Expr left = additive();
        while (peek().isOperator("&")) {
            take();
            left = new Expr.Binary("&", left, additive());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isOperator("+") || peek().isOperator("-")) {
            String operator = take().text();
            left = new Expr.Binary(operator, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().isOperator("*") || peek().isOperator("/")) {
            String operator = take().text();
            left = new Expr.Binary(operator, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peek().isOperator("-")) {
            take();
            return new Expr.Negate(unary());
        }
        return primary();
    }

    private Expr primary() {
        Token token = take();
        switch (token.kind()) {
            case NUMBER:
                return new Expr.Literal(Double.parseDouble(token.text()));
            case STRING:
                return new Expr.Literal(token.text());
            case FIELD:
                return field(token.text());
            case IDENTIFIER:
                return peek().is(Kind.LEFT_PAREN) ? call(token) : field(token.text());
            case LEFT_PAREN:
                Expr inner = comparison();
                expect(Kind.RIGHT_PAREN);
                return inner;
            default:
                throw InvalidFormulaException.invalid("unexpected '" + token.text() + "' at " + token.position());
        }
    }

    private Expr call(Token name) {
        Functions.Definition definition = functions.find(name.text())
                .orElseThrow(() -> InvalidFormulaException.invalid("unknown function " + name.text()));
        expect(Kind.LEFT_PAREN);
        List<Expr> args = new ArrayList<>();
        if (!peek().is(Kind.RIGHT_PAREN)) {
            args.add(comparison());
            while (peek().is(Kind.COMMA)) {
                take();
                args.add(comparison());
            }
        }
        expect(Kind.RIGHT_PAREN);
        if (!definition.accepts(args.size())) {
            throw InvalidFormulaException.invalid(name.text() + " does not take " + args.size() + " arguments");
        }
        return new Expr.Call(name.text(), definition.body(), args);
    }

    private Expr field(String name) {
        IntFunction<Object> reader = table.fieldReader(name).orElseThrow(() -> InvalidFormulaException.unknownField(name));
        return new Expr.FieldRef(name, reader);
    }

    private void expect(Kind kind) {
        Token token = take();
        if (!token.is(kind)) {
            throw InvalidFormulaException.invalid("expected " + kind + " at " + token.position() + " but found '" + token.text() + "'");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (!token.is(Kind.END)) {
            next++;
        }
        return token;
    }
}
