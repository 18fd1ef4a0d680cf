package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import java.util.List;

/** {@code <String>}: a host-side text ({@code Value}) or a view of a string node ({@code pValue}). */
public final class StringNode extends Node implements StringFeature {

    private final Ref pValue;
    private String value;

    public StringNode(NodeDef d) {
        super(d);
        this.pValue = optionalRef(d, "pValue");
        this.value = d.text("Value");
        if (pValue == null && value == null) {
            throw d.malformed("needs <Value> or <pValue>");
        }
    }

    private StringFeature target() {
        Node t = target(pValue);
        if (t instanceof StringFeature s) {
            return s;
        }
        throw error(Reason.TYPE_MISMATCH, "pValue " + t + " is not a string node");
    }

    @Override
    protected List<Node> valueDependencies() {
        return pValue != null && pValue.target() != null ? List.of(pValue.target()) : List.of();
    }

    @Override
    protected AccessMode baseAccess() {
        return pValue != null ? target(pValue).accessMode() : AccessMode.RW;
    }

    @Override
    public String getValue() {
        ctx.enter(this, NodeContext.OP_VALUE);
        try {
            checkReadable();
            return pValue != null ? target().getValue() : value;
        } finally {
            ctx.exit(this, NodeContext.OP_VALUE);
        }
    }

    @Override
    public void setValue(String v) {
        ctx.enter(this, NodeContext.OP_WRITE);
        try {
            checkWritable();
            if (pValue != null) {
                target().setValue(v);
            } else {
                value = v;
            }
        } finally {
            ctx.exit(this, NodeContext.OP_WRITE);
        }
        ctx.written(this);
    }

    @Override
    public long maxLength() {
        return pValue != null ? target().maxLength() : -1;
    }
}
