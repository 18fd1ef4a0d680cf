package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** A node with a 64-bit integer value: Integer, IntReg, MaskedIntReg, IntSwissKnife, IntConverter, IntKey. */
public interface IntegerFeature {

    String name();

    Num number();

    void setNumber(Num value);

    Num minimum();

    Num maximum();

    default long getValue() {
        return number().asLong();
    }

    /** Checks access, range and increment, then writes. */
    default void setValue(long value) {
        setNumber(Num.of(value));
    }

    default long getMin() {
        Num m = minimum();
        return m == null ? Long.MIN_VALUE : m.asLong();
    }

    default long getMax() {
        Num m = maximum();
        return m == null ? Long.MAX_VALUE : m.asLong();
    }

    default long getInc() {
        return 1;
    }

    default String unit() {
        return null;
    }

    default Representation representation() {
        return Representation.PURE_NUMBER;
    }
}
