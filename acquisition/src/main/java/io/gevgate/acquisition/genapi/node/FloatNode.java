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
        Ints.checkRange(this, v, getMin(), getMax(), getInc());
        source.write(this, Num.of(v));
        for (Ref r : valueCopies) {
            target(r).setNumber(Num.of(v));
        }
    }

    @Override
    public Num minimum() {
        Node t = source.target();
        return bound(pMin, min == null ? null : Num.of(min), () -> t != null ? t.minimum() : null);
    }

    @Override
    public Num maximum() {
        Node t = source.target();
        return bound(pMax, max == null ? null : Num.of(max), () -> t != null ? t.maximum() : null);
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
