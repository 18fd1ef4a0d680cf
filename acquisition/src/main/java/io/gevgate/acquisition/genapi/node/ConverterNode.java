package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** {@code <Converter>}: a float view of another node through FormulaTo / FormulaFrom. */
public final class ConverterNode extends ConverterBase implements FloatFeature {

    public ConverterNode(NodeDef d) {
        super(d);
    }

    @Override
    protected Num shape(Num n) {
        return Num.of(n.asDouble());
    }
}
