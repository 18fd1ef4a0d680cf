package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/**
 * {@code <IntSwissKnife>}: a read-only 64-bit integer computed by a formula (integer arithmetic
 * while operands are integers; a float result is truncated toward zero). Also the anonymous
 * address term inside registers.
 */
public final class IntSwissKnifeNode extends SwissKnifeBase implements IntegerFeature {

    public IntSwissKnifeNode(NodeDef d) {
        super(d);
    }

    @Override
    protected Num readNumber() {
        return Num.of(evaluate().asLong());
    }
}
