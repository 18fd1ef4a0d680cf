package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value node keeps its value: a host-side constant ({@code Value}, writable), another
 * node ({@code pValue}) or a selector-indexed table ({@code pIndex} + {@code ValueIndexed}).
 */
final class ValueSource {

    private final Ref pValue;
    private Num constant;
    private final IndexedValues indexed;

    private ValueSource(Ref pValue, Num constant, IndexedValues indexed) {
        this.pValue = pValue;
        this.constant = constant;
        this.indexed = indexed;
    }

    static ValueSource parse(NodeDef d, Node owner, boolean isFloat, Num fallback) {
        Ref p = owner.optionalRef(d, "pValue");
        String v = d.text("Value");
        Num c = v == null ? null : isFloat ? Num.of(d.parseFloat(v, "Value")) : Num.of(d.parseInteger(v, "Value"));
        IndexedValues iv = IndexedValues.parse(d, owner, isFloat);
        if (p == null && c == null && iv == null) {
            if (fallback == null) {
                throw d.malformed("needs one of <Value>, <pValue> or <pIndex>");
            }
            c = fallback;
        }
        return new ValueSource(p, c, iv);
    }

    Node target() {
        return pValue == null ? null : pValue.target();
    }

    boolean isHostValue() {
        return pValue == null && indexed == null;
    }

    Num read(Node owner) {
        if (indexed != null) {
            return indexed.read(owner);
        }
        return pValue != null ? owner.num(pValue) : constant;
    }

    void write(Node owner, Num value) {
        if (indexed != null) {
            indexed.write(owner, value);
        } else if (pValue != null) {
            owner.target(pValue).setNumber(value);
        } else {
            constant = value;
        }
    }

    AccessMode access(Node owner) {
        if (indexed != null) {
            return indexed.access(owner);
        }
        return pValue != null ? owner.target(pValue).accessMode() : AccessMode.RW;
    }

    List<Node> dependencies() {
        List<Node> out = new ArrayList<>();
        if (pValue != null && pValue.target() != null) {
            out.add(pValue.target());
        }
        if (indexed != null) {
            out.addAll(indexed.dependencies());
        }
        return out;
    }
}
