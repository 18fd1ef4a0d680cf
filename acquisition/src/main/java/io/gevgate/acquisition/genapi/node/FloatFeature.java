package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** A node with a floating-point value: Float, FloatReg, SwissKnife, Converter. */
public interface FloatFeature {

    String name();

    Num number();

    void setNumber(Num value);

    Num minimum();

    Num maximum();

    default double getValue() {
        return number().asDouble();
    }

    /** Checks access, range and increment, then writes. */
    default void setValue(double value) {
        setNumber(Num.of(value));
    }

    default double getMin() {
        Num m = minimum();
        return m == null ? Double.NEGATIVE_INFINITY : m.asDouble();
    }

    default double getMax() {
        Num m = maximum();
        return m == null ? Double.POSITIVE_INFINITY : m.asDouble();
    }

    /** The increment, or NaN when the value is continuous. */
    default double getInc() {
        return Double.NaN;
    }

    default String unit() {
        return null;
    }

    default Representation representation() {
        return Representation.PURE_NUMBER;
    }

    default DisplayNotation displayNotation() {
        return DisplayNotation.AUTOMATIC;
    }

    default int displayPrecision() {
        return 6;
    }
}
