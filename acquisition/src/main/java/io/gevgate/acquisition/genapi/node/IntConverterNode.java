package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** {@code <IntConverter>}: an integer view of another node through FormulaTo / FormulaFrom. */
public final class IntConverterNode extends ConverterBase implements IntegerFeature {

    public IntConverterNode(NodeDef d) {
        super(d);
    }

    @Override
    protected Num shape(Num n) {
        return n.isFloat() ? Num.of(Ints.toLong(this, n)) : n;
    }
}
