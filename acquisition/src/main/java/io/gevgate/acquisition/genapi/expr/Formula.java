package io.gevgate.acquisition.genapi.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed SwissKnife / Converter formula. Grammar and precedence (low to high):
 * {@code ? :} (right-assoc), {@code ||}, {@code &&}, {@code |}, {@code ^}, {@code &},
 * {@code = <>}, {@code < > <= >=}, {@code << >>}, {@code + -}, {@code * / %},
 * {@code **} (right-assoc), unary {@code - + ~ !}, function calls. Literals: decimal and hex
 * integers, decimals with fraction/exponent; constants PI and E.
 */
public final class Formula {

    /** Deeper trees are refused at parse time, so evaluation recursion stays bounded. */
    public static final int MAX_DEPTH = 200;
    public static final int MAX_LENGTH = 64 * 1024;

    private final String source;
    private final Expr root;
    private final Set<String> variables;

    private Formula(String source, Expr root, Set<String> variables) {
        this.source = source;
        this.root = root;
        this.variables = variables;
    }

    /** Parses a formula; throws {@link FormulaException} naming the position of the problem. */
    public static Formula parse(String source) {
        if (source == null || source.isBlank()) {
            throw new FormulaException(source == null ? "" : source, 0, "empty formula");
        }
        if (source.length() > MAX_LENGTH) {
            throw new FormulaException(source, 0, "formula longer than " + MAX_LENGTH + " characters");
        }
        Parser p = new Parser(source, Lexer.tokenize(source));
        Expr e = p.expression(0);
        p.expectEnd();
        return new Formula(source, e, Set.copyOf(p.names));
    }

    public String source() {
        return source;
    }

    /** Every name the formula reads (variables and PI/E), as written. */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Evaluates; {@code variables} returns a variable's value or {@code null} when the name is
     * not bound (PI and E are then the constants).
     */
    public Num evaluate(Function<String, Num> bindings) {
        return root.eval(bindings, source);
    }

    @Override
    public String toString() {
        return source;
    }

    /** Precedence-climbing parser over the token list. */
    private static final class Parser {
        private final String src;
        private final List<Token> tokens;
        private final Set<String> names = new LinkedHashSet<>();
        private final java.util.IdentityHashMap<Expr, Integer> heights = new java.util.IdentityHashMap<>();
        private int pos;
        private int depth;

        Parser(String src, List<Token> tokens) {
            this.src = src;
            this.tokens = tokens;
        }

        private Token peek() {
            return tokens.get(pos);
        }

        void expectEnd() {
            if (peek().kind() != Token.Kind.END) {
                throw new FormulaException(src, peek().position(), "unexpected '" + peek().text() + "'");
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw new FormulaException(src, peek().position(), "formula nested deeper than " + MAX_DEPTH);
            }
        }

        private static int precedence(String op) {
            return switch (op) {
                case "||" -> 10;
                case "&&" -> 20;
                case "|" -> 40;
                case "^" -> 50;
                case "&" -> 60;
                case "=", "==", "<>", "!=" -> 70;
                case "<", ">", "<=", ">=" -> 80;
                case "<<", ">>" -> 90;
                case "+", "-" -> 100;
                case "*", "/", "%" -> 110;
                case "**" -> 120;
                default -> -1;
            };
        }

        /** Parses operators binding at least as tightly as {@code minPrec}; 0 admits the ternary. */
        Expr expression(int minPrec) {
            enter();
            Expr left = unary();
            while (true) {
                Token t = peek();
                if (t.kind() == Token.Kind.QUESTION && minPrec <= 5) {
                    pos++;
                    Expr a = expression(0);
                    if (peek().kind() != Token.Kind.COLON) {
                        throw new FormulaException(src, peek().position(),
                                "expected ':' of '?:', found '" + peek().text() + "'");
                    }
                    pos++;
                    Expr b = expression(5);
                    left = node(new Expr.Ternary(left, a, b), t, left, a, b);
                    continue;
                }
                if (t.kind() != Token.Kind.OP) {
                    break;
                }
                int prec = precedence(t.text());
                if (prec < 0) {
                    throw new FormulaException(src, t.position(), "'" + t.text() + "' is not a binary operator");
                }
                if (prec < minPrec) {
                    break;
                }
                pos++;
                // Right-associative "**" parses its right side at the same level, the rest one higher.
                Expr right = expression(t.text().equals("**") ? prec : prec + 1);
                left = node(new Expr.Binary(t.text(), left, right), t, left, right);
            }
            depth--;
            return left;
        }

        /**
         * Records a new tree node's height. A left-leaning chain (1+1+1+...) grows the tree
         * without recursing in the parser, so recursion depth alone would not bound evaluation.
         */
        private Expr node(Expr e, Token at, Expr... kids) {
            int h = 0;
            for (Expr k : kids) {
                h = Math.max(h, heights.getOrDefault(k, 1));
            }
            if (h + 1 > MAX_DEPTH) {
                throw new FormulaException(src, at.position(), "formula nested deeper than " + MAX_DEPTH);
            }
            heights.put(e, h + 1);
            return e;
        }

        private Expr unary() {
            Token t = peek();
            if (t.kind() == Token.Kind.OP && (t.text().equals("-") || t.text().equals("+")
                    || t.text().equals("~") || t.text().equals("!"))) {
                pos++;
                enter();
                Expr operand = unary();
                // "-2**2" is -(2**2): "**" binds tighter than the sign in front of it.
                if (peek().kind() == Token.Kind.OP && peek().text().equals("**")) {
                    Token op = peek();
                    pos++;
                    Expr exponent = expression(120);
                    operand = node(new Expr.Binary("**", operand, exponent), op, operand, exponent);
                }
                depth--;
                return node(new Expr.Unary(t.text(), operand), t, operand);
            }
            return primary();
        }

        private Expr primary() {
            Token t = peek();
            switch (t.kind()) {
                case NUMBER -> {
                    pos++;
                    return new Expr.Literal(t.number());
                }
                case LPAREN -> {
                    pos++;
                    Expr e = expression(0);
                    expect(Token.Kind.RPAREN, "')'");
                    return e;
                }
                case IDENT -> {
                    pos++;
                    if (peek().kind() == Token.Kind.LPAREN) {
                        if (!Functions.isFunction(t.text())) {
                            throw new FormulaException(src, t.position(), "unknown function " + t.text());
                        }
                        pos++;
                        List<Expr> args = new ArrayList<>();
                        if (peek().kind() != Token.Kind.RPAREN) {
                            args.add(expression(0));
                            while (peek().kind() == Token.Kind.COMMA) {
                                pos++;
                                args.add(expression(0));
                            }
                        }
                        expect(Token.Kind.RPAREN, "')'");
                        return node(new Expr.Call(t.text().toUpperCase(Locale.ROOT), args, t.position()),
                                t, args.toArray(new Expr[0]));
                    }
                    names.add(t.text());
                    return new Expr.Variable(t.text(), t.position());
                }
                default -> throw new FormulaException(src, t.position(), "expected a value, found '" + t.text() + "'");
            }
        }

        private void expect(Token.Kind kind, String what) {
            if (peek().kind() != kind) {
                throw new FormulaException(src, peek().position(), "expected " + what + ", found '" + peek().text() + "'");
            }
            pos++;
        }
    }
}
