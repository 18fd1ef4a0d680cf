package io.gevgate.acquisition.genapi.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits a formula into tokens; rejects characters that cannot start a token. */
final class Lexer {

    /** Longest operators first so that "<=" wins over "<", "**" over "*". */
    private static final String[] OPERATORS = {
        "**", "<<", ">>", "<=", ">=", "<>", "!=", "==", "&&", "||",
        "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", "=", "<", ">"};

    private Lexer() {
    }

    static List<Token> tokenize(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                i = number(src, i, out);
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_' || src.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Token.Kind.IDENT, src.substring(s, i), null, s));
            } else if (c == '(') {
                out.add(new Token(Token.Kind.LPAREN, "(", null, i++));
            } else if (c == ')') {
                out.add(new Token(Token.Kind.RPAREN, ")", null, i++));
            } else if (c == ',') {
                out.add(new Token(Token.Kind.COMMA, ",", null, i++));
            } else if (c == '?') {
                out.add(new Token(Token.Kind.QUESTION, "?", null, i++));
            } else if (c == ':') {
                out.add(new Token(Token.Kind.COLON, ":", null, i++));
            } else {
                String op = null;
                for (String o : OPERATORS) {
                    if (src.startsWith(o, i)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new FormulaException(src, i, "unexpected character '" + c + "'");
                }
                out.add(new Token(Token.Kind.OP, op, null, i));
                i += op.length();
            }
        }
        out.add(new Token(Token.Kind.END, "end of formula", null, n));
        return out;
    }

    private static int number(String src, int start, List<Token> out) {
        int n = src.length();
        int i = start;
        if (src.charAt(i) == '0' && i + 1 < n && (src.charAt(i + 1) == 'x' || src.charAt(i + 1) == 'X')) {
            i += 2;
            int digits = i;
            while (i < n && Character.digit(src.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == digits || i - digits > 16) {
                throw new FormulaException(src, start, "bad hexadecimal literal");
            }
            // Up to 16 hex digits: 0xFFFFFFFFFFFFFFFF is -1 as a signed 64-bit value, as in C.
            out.add(new Token(Token.Kind.NUMBER, src.substring(start, i),
                    Num.of(Long.parseUnsignedLong(src.substring(digits, i), 16)), start));
            return i;
        }
        boolean isFloat = false;
        while (i < n && Character.isDigit(src.charAt(i))) {
            i++;
        }
        if (i < n && src.charAt(i) == '.') {
            isFloat = true;
            i++;
            while (i < n && Character.isDigit(src.charAt(i))) {
                i++;
            }
        }
        if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
            int save = i;
            i++;
            if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
                i++;
            }
            if (i < n && Character.isDigit(src.charAt(i))) {
                isFloat = true;
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
            } else {
                i = save; // "2E" is 2 followed by the name E: let the parser complain
            }
        }
        String text = src.substring(start, i);
        Num value;
        try {
            value = isFloat ? Num.of(Double.parseDouble(text)) : Num.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            // An integer literal beyond 64 bits: keep it as a double rather than failing.
            value = Num.of(Double.parseDouble(text));
        }
        out.add(new Token(Token.Kind.NUMBER, text, value, start));
        return i;
    }
}
