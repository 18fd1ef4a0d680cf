package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;

/** {@code <FloatReg>}: an IEEE 754 single (4 bytes) or double (8 bytes) register. */
public final class FloatRegNode extends RegisterBase implements FloatFeature {

    private final String unit;
    private final Representation representation;
    private final DisplayNotation notation;
    private final int precision;

    public FloatRegNode(NodeDef d) {
        super(d);
        this.unit = d.text("Unit");
        this.representation = parseOr(d, "Representation", Representation::parse, Representation.PURE_NUMBER);
        this.notation = parseOr(d, "DisplayNotation", DisplayNotation::parse, DisplayNotation.AUTOMATIC);
        this.precision = (int) d.integer("DisplayPrecision", 6);
    }

    private int floatLength() {
        int len = length();
        if (len != 4 && len != 8) {
            throw error(Reason.UNSUPPORTED, "FloatReg of " + len + " bytes (4 or 8)");
        }
        return len;
    }

    @Override
    protected Num readNumber() {
        int len = floatLength();
        long raw = bytesToLong(readRaw());
        return Num.of(len == 4 ? (double) Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw));
    }

    @Override
    protected void writeNumber(Num value) {
        int len = floatLength();
        double v = value.asDouble();
        long raw = len == 4 ? Float.floatToIntBits((float) v) & 0xFFFFFFFFL : Double.doubleToLongBits(v);
        writeRaw(longToBytes(raw, len));
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public Representation representation() {
        return representation;
    }

    @Override
    public DisplayNotation displayNotation() {
        return notation;
    }

    @Override
    public int displayPrecision() {
        return precision;
    }
}
