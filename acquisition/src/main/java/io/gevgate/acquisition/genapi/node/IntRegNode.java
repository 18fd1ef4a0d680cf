package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.expr.Num;

/** {@code <IntReg>}: a 1..8-byte integer register, signed or unsigned, either byte order. */
public final class IntRegNode extends RegisterBase implements IntegerFeature {

    private final String unit;
    private final Representation representation;

    public IntRegNode(NodeDef d) {
        super(d);
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
    }

    @Override
    protected Num readNumber() {
        int len = integerLength();
        long raw = bytesToLong(readRaw());
        return Num.of(signed && len < 8 ? signExtend(raw, len * 8) : raw);
    }

    static long signExtend(long raw, int bits) {
        int unused = 64 - bits;
        return (raw << unused) >> unused;
    }

    @Override
    protected void writeNumber(Num value) {
        int len = integerLength();
        long v = Ints.toLong(this, value);
        Ints.checkRange(this, v, getMin(), getMax(), 1);
        writeRaw(longToBytes(v, len));
    }

    @Override
    public Num minimum() {
        int len = integerLength();
        return Num.of(!signed ? 0 : len == 8 ? Long.MIN_VALUE : -(1L << (len * 8 - 1)));
    }

    @Override
    public Num maximum() {
        int len = integerLength();
        // An unsigned 8-byte register's top half is not representable as a Java long.
        return Num.of(len == 8 ? Long.MAX_VALUE : signed ? (1L << (len * 8 - 1)) - 1 : (1L << (len * 8)) - 1);
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
