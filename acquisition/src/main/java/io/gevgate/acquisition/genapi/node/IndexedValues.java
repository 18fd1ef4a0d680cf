package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import io.gevgate.acquisition.genapi.xml.XmlElement;
import java.util.ArrayList;
import java.util.List;

/**
 * A value chosen by a selector: {@code pIndex} gives the index, {@code ValueIndexed Index="i"}
 * / {@code pValueIndexed Index="i"} give the value for index i, {@code ValueDefault} /
 * {@code pValueDefault} the value for any other index. Constant entries are host-side state
 * and can be written.
 */
final class IndexedValues {

    private static final class Entry {
        final long index;
        Num constant;
        final Ref ref;

        Entry(long index, Num constant, Ref ref) {
            this.index = index;
            this.constant = constant;
            this.ref = ref;
        }
    }

    private final Ref index;
    private final List<Entry> entries = new ArrayList<>();
    private Num defaultConstant;
    private final Ref defaultRef;

    private IndexedValues(Ref index, Ref defaultRef) {
        this.index = index;
        this.defaultRef = defaultRef;
    }

    /** Null when the node has no pIndex. */
    static IndexedValues parse(NodeDef d, Node owner, boolean isFloat) {
        String idx = d.text("pIndex");
        if (idx == null) {
            return null;
        }
        IndexedValues iv = new IndexedValues(owner.ref(idx, "pIndex"), owner.optionalRef(d, "pValueDefault"));
        for (XmlElement e : d.all("ValueIndexed")) {
            iv.entries.add(new Entry(indexOf(d, e), constant(d, e.text(), "ValueIndexed", isFloat), null));
        }
        for (XmlElement e : d.all("pValueIndexed")) {
            iv.entries.add(new Entry(indexOf(d, e), null, owner.ref(e.text(), "pValueIndexed")));
        }
        String dflt = d.text("ValueDefault");
        if (dflt != null) {
            iv.defaultConstant = constant(d, dflt, "ValueDefault", isFloat);
        }
        return iv;
    }

    private static long indexOf(NodeDef d, XmlElement e) {
        String i = e.attribute("Index");
        if (i == null) {
            throw d.malformed("<" + e.name() + "> lacks its Index attribute");
        }
        return d.parseInteger(i, e.name() + " Index");
    }

    private static Num constant(NodeDef d, String text, String tag, boolean isFloat) {
        return isFloat ? Num.of(d.parseFloat(text, tag)) : Num.of(d.parseInteger(text, tag));
    }

    List<Node> dependencies() {
        List<Node> out = new ArrayList<>();
        if (index.target() != null) {
            out.add(index.target());
        }
        for (Entry e : entries) {
            if (e.ref != null && e.ref.target() != null) {
                out.add(e.ref.target());
            }
        }
        if (defaultRef != null && defaultRef.target() != null) {
            out.add(defaultRef.target());
        }
        return out;
    }

    private Entry select(Node owner) {
        long i = owner.num(index).asLong();
        for (Entry e : entries) {
            if (e.index == i) {
                return e;
            }
        }
        if (defaultConstant == null && defaultRef == null) {
            throw owner.error(Reason.NOT_AVAILABLE, "index " + i + " (from " + index.targetName()
                    + ") has no ValueIndexed entry and there is no ValueDefault");
        }
        return null;
    }

    Num read(Node owner) {
        Entry e = select(owner);
        if (e == null) {
            return defaultRef != null ? owner.num(defaultRef) : defaultConstant;
        }
        return e.ref != null ? owner.num(e.ref) : e.constant;
    }

    void write(Node owner, Num value) {
        Entry e = select(owner);
        if (e == null) {
            if (defaultRef != null) {
                owner.target(defaultRef).setNumber(value);
            } else {
                defaultConstant = value;
            }
        } else if (e.ref != null) {
            owner.target(e.ref).setNumber(value);
        } else {
            e.constant = value;
        }
    }

    /** Access of the currently selected value: its node's, or RW for a constant. */
    AccessMode access(Node owner) {
        Entry e = select(owner);
        Ref r = e == null ? defaultRef : e.ref;
        return r == null ? AccessMode.RW : owner.target(r).accessMode();
    }
}
