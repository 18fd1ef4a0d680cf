package io.gevgate.acquisition.genapi.expr;

/**
 * A formula value: a 64-bit integer or a double. GenICam formulas keep integer arithmetic
 * (integer division, wrap-around) as long as every operand is an integer, and switch to
 * floating point as soon as one is a float, so the kind travels with the value.
 */
public final class Num {

    public static final Num ZERO = new Num(false, 0, 0);
    public static final Num ONE = new Num(false, 1, 1);

    private final boolean isFloat;
    private final long l;
    private final double d;

    private Num(boolean isFloat, long l, double d) {
        this.isFloat = isFloat;
        this.l = l;
        this.d = d;
    }

    public static Num of(long value) {
        return value == 0 ? ZERO : value == 1 ? ONE : new Num(false, value, value);
    }

    public static Num of(double value) {
        return new Num(true, (long) value, value);
    }

    public static Num of(boolean value) {
        return value ? ONE : ZERO;
    }

    public boolean isFloat() {
        return isFloat;
    }

    /** The integer value; a float is truncated toward zero (C cast semantics, as GenICam engines do). */
    public long asLong() {
        return l;
    }

    public double asDouble() {
        return isFloat ? d : (double) l;
    }

    public boolean isTrue() {
        return isFloat ? d != 0.0 : l != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Num n && n.isFloat == isFloat && (isFloat ? Double.compare(n.d, d) == 0 : n.l == l);
    }

    @Override
    public int hashCode() {
        return isFloat ? Double.hashCode(d) : Long.hashCode(l);
    }

    @Override
    public String toString() {
        return isFloat ? Double.toString(d) : Long.toString(l);
    }
}
