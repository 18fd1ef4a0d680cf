package io.gevgate.bridge.convert;

/** Luma coefficients of the RGB <-> YCbCr matrix. */
public enum YuvMatrix {
    /** ITU-R BT.601: Kr = 0.299, Kb = 0.114 (SD video, most machine-vision YUV). */
    BT601(0.299, 0.114),
    /** ITU-R BT.709: Kr = 0.2126, Kb = 0.0722 (HD video). */
    BT709(0.2126, 0.0722);

    private final double kr;
    private final double kb;

    YuvMatrix(double kr, double kb) {
        this.kr = kr;
        this.kb = kb;
    }

    /** The exact (real-valued) Kr; the converter itself only uses the integer table in {@link YuvCoefficients}. */
    public double kr() {
        return kr;
    }

    /** The exact (real-valued) Kb. */
    public double kb() {
        return kb;
    }
}
