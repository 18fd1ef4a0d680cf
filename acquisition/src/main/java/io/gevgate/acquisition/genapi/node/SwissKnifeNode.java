package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** {@code <SwissKnife>}: a read-only float computed by a formula. */
public final class SwissKnifeNode extends SwissKnifeBase implements FloatFeature {

    private final DisplayNotation notation;
    private final int precision;

    public SwissKnifeNode(NodeDef d) {
        super(d);
        this.notation = parseOr(d, "DisplayNotation", DisplayNotation::parse, DisplayNotation.AUTOMATIC);
        this.precision = (int) d.integer("DisplayPrecision", 6);
    }

    @Override
    protected Num readNumber() {
        return Num.of(evaluate().asDouble());
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
