package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/**
 * {@code <EnumEntry>}: one choice of an Enumeration. Registered in the node map as
 * {@code EnumEntry_<Enumeration>_<Entry>} (entry names repeat across enumerations); its
 * symbolic name is {@code Symbolic} when given, else its Name.
 */
public final class EnumEntryNode extends Node {

    private final String symbolic;
    private final long value;
    private final Double numericValue;
    private final boolean selfClearing;

    public EnumEntryNode(NodeDef d, String symbolicName) {
        super(d);
        Long v = d.integer("Value");
        if (v == null) {
            throw d.malformed("EnumEntry " + symbolicName + " needs a <Value>");
        }
        this.value = v;
        this.numericValue = d.floating("NumericValue");
        String s = d.text("Symbolic");
        this.symbolic = s != null ? s.strip() : symbolicName;
        this.selfClearing = yes(d.text("IsSelfClearing"));
    }

    public String symbolic() {
        return symbolic;
    }

    public long value() {
        return value;
    }

    /** The entry's NumericValue (schema 1.1), or null. */
    public Double numericValue() {
        return numericValue;
    }

    public boolean isSelfClearing() {
        return selfClearing;
    }

    /** Whether the entry can be chosen now (its pIsImplemented / pIsAvailable). */
    public boolean isAvailable() {
        AccessMode a = accessMode();
        return a != AccessMode.NI && a != AccessMode.NA;
    }

    @Override
    protected Num readNumber() {
        return Num.of(value);
    }
}
