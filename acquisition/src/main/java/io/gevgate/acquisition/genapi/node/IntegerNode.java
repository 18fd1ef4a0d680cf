package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;
import java.util.ArrayList;
import java.util.List;

/** {@code <Integer>}: an integer feature with range and increment, stored locally or elsewhere. */
public final class IntegerNode extends Node implements IntegerFeature {

    private final ValueSource source;
    private final Ref pMin;
    private final Ref pMax;
    private final Ref pInc;
    private final Long min;
    private final Long max;
    private final Long inc;
    private final List<Ref> valueCopies = new ArrayList<>();
    private final String unit;
    private final Representation representation;
    private final ValueList.IncMode incMode;
    private final List<Long> validValues;

    public IntegerNode(NodeDef d) {
        super(d);
        this.source = ValueSource.parse(d, this, false, null);
        this.pMin = optionalRef(d, "pMin");
        this.pMax = optionalRef(d, "pMax");
        this.pInc = optionalRef(d, "pInc");
        this.min = d.integer("Min");
        this.max = d.integer("Max");
        this.inc = d.integer("Inc");
        if (inc != null && inc <= 0) {
            throw d.malformed("<Inc> must be positive, found " + inc);
        }
        for (String t : d.texts("pValueCopy")) {
            valueCopies.add(ref(t, "pValueCopy"));
        }
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
        this.incMode = ValueList.incMode(d);
        this.validValues = ValueList.integers(d);
        if (incMode == ValueList.IncMode.LIST && validValues == null) {
            throw d.malformed("<IncMode>ListIncrement</IncMode> needs a <ValidValueSet>");
        }
    }

    /** FixedIncrement (Min + k * Inc), NoIncrement, or ListIncrement (one of {@link #validValueSet()}). */
    public ValueList.IncMode incMode() {
        return incMode;
    }

    /** The values a write may take ({@code <ValidValueSet>}), or an empty list when not restricted to a list. */
    public List<Long> validValueSet() {
        return validValues == null ? List.of() : validValues;
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

    @Override
    protected void writeNumber(Num value) {
        long v = Ints.toLong(this, value);
        if (validValues != null) {
            Ints.checkRange(this, v, getMin(), getMax(), 1);
            if (!validValues.contains(v)) {
                throw error(Reason.OUT_OF_RANGE, v + " is not one of the valid values " + validValues);
            }
        } else {
            Ints.checkRange(this, v, getMin(), getMax(), incMode == ValueList.IncMode.NONE ? 1 : getInc());
        }
        writeWithCopies(source, valueCopies, Num.of(v));
    }

    @Override
    public Num minimum() {
        return sourcedBound(pMin, min == null ? null : Num.of(min), source, false);
    }

    @Override
    public Num maximum() {
        return sourcedBound(pMax, max == null ? null : Num.of(max), source, true);
    }

    @Override
    public long getInc() {
        if (pInc != null) {
            long i = bound(pInc, null, () -> null).asLong();
            if (i <= 0) {
                throw error(Reason.INVALID_VALUE, "pInc " + pInc.targetName() + " gives non-positive increment " + i);
            }
            return i;
        }
        return inc == null ? 1 : inc;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public Representation representation() {
        return representation;
    }
}
