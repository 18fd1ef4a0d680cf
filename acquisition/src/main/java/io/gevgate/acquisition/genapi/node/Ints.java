package io.gevgate.acquisition.genapi.node;

import io.gevgate.acquisition.genapi.GenApiException.Reason;
import io.gevgate.acquisition.genapi.expr.Num;

/** Integer helpers shared by the integer node types. */
final class Ints {

    private Ints() {
    }

    /**
     * A float written into an integer node is rounded (half away from zero), not truncated;
     * NaN and infinities (e.g. a converter's FormulaFrom at a pole) are refused.
     */
    static long toLong(Node n, Num v) {
        if (!v.isFloat()) {
            return v.asLong();
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw n.error(Reason.INVALID_VALUE, d + " cannot be written to an integer");
        }
        return d < 0 ? -Math.round(-d) : Math.round(d);
    }

    static void checkRange(Node n, long v, long min, long max, long inc) {
        if (v < min || v > max) {
            throw n.error(Reason.OUT_OF_RANGE, v + " is outside [" + min + ", " + max + "]");
        }
        if (inc > 1) {
            // min may be Long.MIN_VALUE: floorMod on the difference would overflow, so use remainders.
            long r = Math.floorMod(v, inc) - Math.floorMod(min, inc);
            if (r != 0) {
                throw n.error(Reason.OUT_OF_RANGE, v + " is not " + min + " + k * " + inc);
            }
        }
    }

    static void checkRange(Node n, double v, double min, double max, double inc) {
        if (Double.isNaN(v) || v < min || v > max) {
            throw n.error(Reason.OUT_OF_RANGE, v + " is outside [" + min + ", " + max + "]");
        }
        if (!Double.isNaN(inc) && inc > 0 && !Double.isInfinite(min)) {
            double k = (v - min) / inc;
            if (Math.abs(k - Math.rint(k)) > 1e-6) {
                throw n.error(Reason.OUT_OF_RANGE, v + " is not " + min + " + k * " + inc);
            }
        }
    }
}
