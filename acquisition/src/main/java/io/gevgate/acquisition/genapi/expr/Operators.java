package io.gevgate.acquisition.genapi.expr;

/** Operator semantics: integer arithmetic while both operands are integers, double otherwise. */
final class Operators {

    private Operators() {
    }

    static Num unary(String op, Num a) {
        return switch (op) {
            case "-" -> a.isFloat() ? Num.of(-a.asDouble()) : Num.of(-a.asLong());
            case "+" -> a;
            case "~" -> Num.of(~a.asLong());
            case "!" -> Num.of(!a.isTrue());
            default -> throw new IllegalStateException("parser produced unary " + op);
        };
    }

    static Num binary(String op, Num a, Num b, String src) {
        boolean ints = !a.isFloat() && !b.isFloat();
        return switch (op) {
            case "+" -> ints ? Num.of(a.asLong() + b.asLong()) : Num.of(a.asDouble() + b.asDouble());
            case "-" -> ints ? Num.of(a.asLong() - b.asLong()) : Num.of(a.asDouble() - b.asDouble());
            case "*" -> ints ? Num.of(a.asLong() * b.asLong()) : Num.of(a.asDouble() * b.asDouble());
            case "/" -> {
                if (ints) {
                    if (b.asLong() == 0) {
                        throw new FormulaException(src, -1, "integer division by zero");
                    }
                    yield Num.of(a.asLong() / b.asLong());
                }
                yield Num.of(a.asDouble() / b.asDouble());
            }
            case "%" -> {
                if (ints) {
                    if (b.asLong() == 0) {
                        throw new FormulaException(src, -1, "integer remainder by zero");
                    }
                    yield Num.of(a.asLong() % b.asLong());
                }
                yield Num.of(a.asDouble() % b.asDouble());
            }
            case "**" -> ints && b.asLong() >= 0 ? Num.of(ipow(a.asLong(), b.asLong()))
                    : Num.of(Math.pow(a.asDouble(), b.asDouble()));
            case "&" -> Num.of(a.asLong() & b.asLong());
            case "|" -> Num.of(a.asLong() | b.asLong());
            case "^" -> Num.of(a.asLong() ^ b.asLong());
            case "<<" -> Num.of(a.asLong() << b.asLong());
            case ">>" -> Num.of(a.asLong() >> b.asLong());
            case "=", "==" -> Num.of(ints ? a.asLong() == b.asLong() : a.asDouble() == b.asDouble());
            case "<>", "!=" -> Num.of(ints ? a.asLong() != b.asLong() : a.asDouble() != b.asDouble());
            case "<" -> Num.of(ints ? a.asLong() < b.asLong() : a.asDouble() < b.asDouble());
            case ">" -> Num.of(ints ? a.asLong() > b.asLong() : a.asDouble() > b.asDouble());
            case "<=" -> Num.of(ints ? a.asLong() <= b.asLong() : a.asDouble() <= b.asDouble());
            case ">=" -> Num.of(ints ? a.asLong() >= b.asLong() : a.asDouble() >= b.asDouble());
            default -> throw new IllegalStateException("parser produced binary " + op);
        };
    }

    /** Exponentiation by squaring; wraps on overflow like the other integer operators. */
    private static long ipow(long base, long exp) {
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }
}
