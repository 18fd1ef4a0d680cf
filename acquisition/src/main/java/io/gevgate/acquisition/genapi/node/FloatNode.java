package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;
import java.util.List;

/** {@code <Float>}: a floating-point feature with range, optional increment and display hints. */
public final class FloatNode extends Node implements FloatFeature {

    private final ValueSource source;
    private final Ref pMin;
    private final Ref pMax;
    private final Ref pInc;
    private final Double min;
    private final Double max;
    private final Double inc;
    private final String unit;
    private final Representation representation;
    private final DisplayNotation notation;
    private final int precision;
    private final java.util.List<Ref> valueCopies = new java.util.ArrayList<>();
    private final ValueList.IncMode incMode;
    private final List<Double> validValues;

    public FloatNode(NodeDef d) {
        super(d);
        this.source = ValueSource.parse(d, this, true, null);
        this.pMin = optionalRef(d, "pMin");
        this.pMax = optionalRef(d, "pMax");
        this.pInc = optionalRef(d, "pInc");
        this.min = d.floating("Min");
        this.max = d.floating("Max");
        this.inc = d.floating("Inc");
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
        this.notation = parseOr(d, "DisplayNotation", DisplayNotation::parse, DisplayNotation.AUTOMATIC);
        this.precision = (int) d.integer("DisplayPrecision", 6);
        for (String t : d.texts("pValueCopy")) {
            valueCopies.add(ref(t, "pValueCopy"));
        }
        this.incMode = ValueList.incMode(d);
        this.validValues = ValueList.floats(d);
        if (incMode == ValueList.IncMode.LIST && validValues == null) {
            throw d.malformed("<IncMode>ListIncrement</IncMode> needs a <ValidValueSet>");
        }
    }

    /** FixedIncrement (on the Inc grid when there is an Inc), NoIncrement, or ListIncrement. */
    public ValueList.IncMode incMode() {
        return incMode;
    }

    /** The values a write may take ({@code <ValidValueSet>}), or an empty list when not restricted to a list. */
    public List<Double> validValueSet() {
        return validValues == null ? List.of() : validValues;
    }

    @Override
    protected List<Node> valueDependencies() {
        return source.dependencies();
    }

    @Override
    protected AccessMode baseAccess() {
        return source.access(this);
    }

    @Override
    protected Num readNumber() {
        return Num.of(source.read(this).asDouble());
    }

    @Override
    protected void writeNumber(Num value) {
        double v = value.asDouble();
        if (validValues != null) {
            Ints.checkRange(this, v, getMin(), getMax(), Double.NaN);
            // Listed values are decimal text; accept the nearest double of each (relative 1e-12).
            if (validValues.stream().noneMatch(x -> Math.abs(x - v) <= 1e-12 * Math.max(1.0, Math.abs(x)))) {
                throw error(io.gevgate.acquisition.genapi.GenApiException.Reason.OUT_OF_RANGE,
                        v + " is not one of the valid values " + validValues);
            }
        } else {
            Ints.checkRange(this, v, getMin(), getMax(), incMode == ValueList.IncMode.NONE ? Double.NaN : getInc());
        }
        writeWithCopies(source, valueCopies, Num.of(v));
    }

    @Override
    public Num minimum() {
        return sourcedBound(pMin, min == null ? null : Num.of(min), source, false);
    }

    @Override
    public Num maximum() {
        return sourcedBound(pMax, max == null ? null : Num.of(max), source, true);
    }

    @Override
    public double getInc() {
        if (pInc != null) {
            return bound(pInc, null, () -> null).asDouble();
        }
        return inc == null ? Double.NaN : inc;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public Representation representation() {
        return representation;
    }

    @Override
    public DisplayNotation displayNotation() {
        return notation;
    }

    @Override
    public int displayPrecision() {
        return precision;
    }
}
