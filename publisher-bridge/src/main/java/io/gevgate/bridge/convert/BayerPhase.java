package io.gevgate.bridge.convert;

/**
 * Colour filter arrangement of a Bayer mosaic, named after the first two pixels of row 0
 * (PFNC naming): RG means row 0 = R G R G..., row 1 = G B G B...
 *
 * <p>Stored as the position (redX, redY) of the red sample inside each 2x2 tile; every other
 * colour follows from it (blue is diagonal to red, green fills the other two places).
 */
public enum BayerPhase {
    RG(0, 0),
    GR(1, 0),
    GB(0, 1),
    BG(1, 1);

    private final int redX;
    private final int redY;

    BayerPhase(int redX, int redY) {
        this.redX = redX;
        this.redY = redY;
    }

    /** Column parity (0 or 1) of the red samples. */
    public int redX() {
        return redX;
    }

    /** Row parity (0 or 1) of the red samples. */
    public int redY() {
        return redY;
    }
}
