package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;

/**
 * {@code <MaskedIntReg>} (and every {@code StructEntry}): a bit field of a register, selected by
 * {@code LSB}/{@code MSB} or {@code Bit}. Bit numbers follow the register's byte order: in a
 * LittleEndian register bit 0 is the least significant bit; in a BigEndian register bit 0 is the
 * most significant bit of the whole register (so LSB >= MSB there). Writes read-modify-write the
 * register so neighbouring fields keep their values.
 */
public final class MaskedIntRegNode extends RegisterBase implements IntegerFeature {

    private final int lsb;
    private final int msb;
    private final String unit;
    private final Representation representation;

    public MaskedIntRegNode(NodeDef d) {
        super(d);
        Long bit = d.integer("Bit");
        Long l = d.integer("LSB");
        Long m = d.integer("MSB");
        if (bit != null) {
            lsb = msb = bit.intValue();
        } else if (l != null && m != null) {
            lsb = l.intValue();
            msb = m.intValue();
        } else {
            throw d.malformed("needs <Bit> or both <LSB> and <MSB>");
        }
        if (lsb < 0 || msb < 0 || lsb > 63 || msb > 63) {
            throw d.malformed("bit numbers must be 0..63, found LSB " + lsb + " MSB " + msb);
        }
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
    }

    public int lsb() {
        return lsb;
    }

    public int msb() {
        return msb;
    }

    private int width() {
        return Math.abs(msb - lsb) + 1;
    }

    /** Position of the field's least significant bit within the register value. */
    private int shift(int lengthBytes) {
        int bits = lengthBytes * 8;
        int shift = littleEndian ? Math.min(lsb, msb) : bits - 1 - Math.max(lsb, msb);
        if (shift < 0 || shift + width() > bits) {
            throw error(Reason.INVALID_VALUE, "bits " + msb + ".." + lsb + " do not fit a " + lengthBytes + "-byte register");
        }
        return shift;
    }

    private long mask() {
        return width() == 64 ? -1L : (1L << width()) - 1;
    }

    @Override
    protected Num readNumber() {
        int len = integerLength();
        long raw = bytesToLong(readRaw());
        long v = (raw >>> shift(len)) & mask();
        return Num.of(signed && width() < 64 ? IntRegNode.signExtend(v, width()) : v);
    }

    @Override
    protected void writeNumber(Num value) {
        int len = integerLength();
        long v = Ints.toLong(this, value);
        Ints.checkRange(this, v, getMin(), getMax(), 1);
        int shift = shift(len);
        // A write-only register cannot be read back: the other bits are written as zero.
        long raw = baseAccess().readable() ? bytesToLong(readRaw()) : 0;
        long updated = (raw & ~(mask() << shift)) | ((v & mask()) << shift);
        writeRaw(longToBytes(updated, len));
    }

    @Override
    public Num minimum() {
        int w = width();
        return Num.of(!signed ? 0 : w == 64 ? Long.MIN_VALUE : -(1L << (w - 1)));
    }

    @Override
    public Num maximum() {
        int w = width();
        return Num.of(w == 64 ? Long.MAX_VALUE : signed ? (1L << (w - 1)) - 1 : (1L << w) - 1);
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
