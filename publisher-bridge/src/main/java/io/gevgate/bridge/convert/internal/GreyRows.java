package io.gevgate.bridge.convert.internal;

import io.gevgate.bridge.convert.YuvCoefficients;

/**
 * Row kernels for mono samples. A grey pixel is R = G = B = v, so these are the RGB formulas
 * evaluated for that case: luma through a 256-entry table built from the same formula, chroma a
 * constant 128 (the chroma rows of every table sum to exactly 0, so any grey block gives 0 + 128).
 */
public final class GreyRows {

    private GreyRows() {
    }

    /** lut[v] = luma(v, v, v) of the table: exactly what the RGB path computes for a grey pixel. */
    public static byte[] lumaTable(YuvCoefficients c) {
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (byte) c.luma(v, v, v);
        }
        return lut;
    }

    /** Y row from samples stored at {@code samples[off ..]}. */
    public static void luma(byte[] lut, byte[] samples, int off, byte[] y, int width) {
        for (int x = 0; x < width; x++) {
            y[x] = lut[samples[off + x] & 0xFF];
        }
    }

    /** RGBA row (v, v, v, 255) from samples stored at {@code samples[off ..]}. */
    public static void rgba(byte[] samples, int off, byte[] out, int width) {
        for (int x = 0, i = 0; x < width; x++, i += 4) {
            byte v = samples[off + x];
            out[i] = v;
            out[i + 1] = v;
            out[i + 2] = v;
            out[i + 3] = (byte) 0xFF;
        }
    }
}
