package io.gevgate.acquisition.genapi.expr;

import java.util.Locale;
import java.util.Set;

/** The GenICam formula functions (names are case-insensitive). */
final class Functions {

    static final Set<String> NAMES = Set.of("SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN", "ABS", "EXP", "LN", "LG",
            "SQRT", "TRUNC", "ROUND", "FLOOR", "CEIL", "SGN", "NEG");

    private Functions() {
    }

    static boolean isFunction(String name) {
        return NAMES.contains(name.toUpperCase(Locale.ROOT));
    }

    static Num apply(String name, Num[] args, String src, int position) {
        String fn = name.toUpperCase(Locale.ROOT);
        int expected = fn.equals("ROUND") ? (args.length == 2 ? 2 : 1) : 1;
        if (args.length != expected) {
            throw new FormulaException(src, position, fn + " takes " + expected + " argument(s), got " + args.length);
        }
        Num x = args[0];
        double d = x.asDouble();
        return switch (fn) {
            case "SIN" -> Num.of(Math.sin(d));
            case "COS" -> Num.of(Math.cos(d));
            case "TAN" -> Num.of(Math.tan(d));
            case "ASIN" -> Num.of(Math.asin(d));
            case "ACOS" -> Num.of(Math.acos(d));
            case "ATAN" -> Num.of(Math.atan(d));
            case "EXP" -> Num.of(Math.exp(d));
            case "LN" -> Num.of(Math.log(d));
            case "LG" -> Num.of(Math.log10(d));
            case "SQRT" -> Num.of(Math.sqrt(d));
            // Integer arguments stay integers where the result is exact.
            case "ABS" -> x.isFloat() ? Num.of(Math.abs(d)) : Num.of(Math.abs(x.asLong()));
            case "NEG" -> x.isFloat() ? Num.of(-d) : Num.of(-x.asLong());
            case "SGN" -> Num.of((long) (x.isFloat() ? Math.signum(d) : Long.signum(x.asLong())));
            case "TRUNC" -> x.isFloat() ? Num.of(d < 0 ? Math.ceil(d) : Math.floor(d)) : x;
            case "FLOOR" -> x.isFloat() ? Num.of(Math.floor(d)) : x;
            case "CEIL" -> x.isFloat() ? Num.of(Math.ceil(d)) : x;
            case "ROUND" -> round(x, args.length == 2 ? args[1].asLong() : 0);
            default -> throw new FormulaException(src, position, "unknown function " + name);
        };
    }

    /** ROUND(x) rounds half away from zero; ROUND(x, n) keeps n decimals. */
    private static Num round(Num x, long decimals) {
        if (!x.isFloat() && decimals >= 0) {
            return x;
        }
        double scale = Math.pow(10, decimals);
        double v = x.asDouble() * scale;
        double r = v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
        return Num.of(r / scale);
    }
}
