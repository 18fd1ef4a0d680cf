package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;
import java.util.List;

/** {@code <Boolean>}: true when the value equals {@code OnValue} (default 1). */
public final class BooleanNode extends Node implements BooleanFeature {

    private final ValueSource source;
    private final long onValue;
    private final long offValue;

    public BooleanNode(NodeDef d) {
        super(d);
        this.source = ValueSource.parse(d, this, false, null);
        this.onValue = d.integer("OnValue", 1);
        this.offValue = d.integer("OffValue", 0);
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
        return source.read(this);
    }

    @Override
    protected void writeNumber(Num value) {
        source.write(this, value);
    }

    @Override
    public boolean getValue() {
        return number().asLong() == onValue;
    }

    @Override
    public void setValue(boolean value) {
        setNumber(Num.of(value ? onValue : offValue));
    }
}
