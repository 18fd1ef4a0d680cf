package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.List;

/** {@code <Enumeration>}: an integer value shown and set by the symbolic names of its entries. */
public final class EnumerationNode extends Node {

    private final ValueSource source;
    private final List<EnumEntryNode> entries = new ArrayList<>();

    public EnumerationNode(NodeDef d, List<EnumEntryNode> entries) {
        super(d);
        d.ignore("EnumEntry");
        this.source = ValueSource.parse(d, this, false, null);
        this.entries.addAll(entries);
        if (entries.isEmpty()) {
            throw d.malformed("Enumeration has no <EnumEntry>");
        }
    }

    public List<EnumEntryNode> entries() {
        return List.copyOf(entries);
    }

    /** Entries that can be chosen now. */
    public List<EnumEntryNode> availableEntries() {
        List<EnumEntryNode> out = new ArrayList<>();
        for (EnumEntryNode e : entries) {
            if (e.isAvailable()) {
                out.add(e);
            }
        }
        return out;
    }

    public EnumEntryNode entry(String symbolic) {
        for (EnumEntryNode e : entries) {
            if (e.symbolic().equals(symbolic)) {
                return e;
            }
        }
        return null;
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
        return Num.of(source.read(this).asLong());
    }

    /** The symbolic name of the current value. */
    public String getSymbol() {
        long v = number().asLong();
        for (EnumEntryNode e : entries) {
            if (e.value() == v) {
                return e.symbolic();
            }
        }
        throw error(Reason.INVALID_VALUE, "value " + v + " matches no EnumEntry");
    }

    public void setSymbol(String symbolic) {
        EnumEntryNode e = entry(symbolic);
        if (e == null) {
            throw error(Reason.INVALID_VALUE, "no entry \"" + symbolic + "\"; entries: "
                    + entries.stream().map(EnumEntryNode::symbolic).toList());
        }
        setNumber(Num.of(e.value()));
    }

    @Override
    protected void writeNumber(Num value) {
        long v = Ints.toLong(this, value);
        EnumEntryNode match = null;
        for (EnumEntryNode e : entries) {
            if (e.value() == v) {
                match = e;
                break;
            }
        }
        if (match == null) {
            throw error(Reason.OUT_OF_RANGE, v + " is not the value of any EnumEntry");
        }
        if (!match.isAvailable()) {
            throw error(Reason.NOT_AVAILABLE, "entry " + match.symbolic() + " is not available now");
        }
        source.write(this, Num.of(v));
    }
}
