package io.gevgate.bridge.convert.internal;

import io.gevgate.bridge.convert.YuvCoefficients;

/**
 * Row kernels for YUV 4:2:2 sources (YUYV: Y0 U Y1 V; UYVY: U Y0 V Y1). The source is read in
 * the converter's own matrix and range, so YUV422 -> NV12 is pure resampling: Y copied, each U/V
 * the rounded mean of the two source rows, (a + b + 1) >> 1.
 */
public final class Yuv422Rows {

    private Yuv422Rows() {
    }

    /** @param yIndex 0 for YUYV, 1 for UYVY */
    public static void luma(byte[] src, int yIndex, byte[] y, int width) {
        for (int x = 0; x < width; x++) {
            y[x] = src[2 * x + yIndex];
        }
    }

    /** @param uIndex 1 for YUYV, 0 for UYVY (V follows U at +2) */
    public static void chroma(byte[] src0, byte[] src1, int uIndex, byte[] uv, int width) {
        for (int i = 0, s = uIndex; i < width; i += 2, s += 4) {
            uv[i] = (byte) (((src0[s] & 0xFF) + (src1[s] & 0xFF) + 1) >> 1);
            uv[i + 1] = (byte) (((src0[s + 2] & 0xFF) + (src1[s + 2] & 0xFF) + 1) >> 1);
        }
    }

    /** RGBA row: both pixels of a pair use the pair's U and V (no horizontal chroma interpolation). */
    public static void rgba(YuvCoefficients c, byte[] src, int yIndex, int uIndex, byte[] out, int width) {
        int yOff = c.yOffset();
        int kY = c.kY();
        int kRV = c.kRV();
        int kGU = c.kGU();
        int kGV = c.kGV();
        int kBU = c.kBU();
        for (int x = 0, s = 0, o = 0; x < width; x += 2, s += 4, o += 8) {
            int u = (src[s + uIndex] & 0xFF) - 128;
            int v = (src[s + uIndex + 2] & 0xFF) - 128;
            int rc = kRV * v + (1 << 15);
            int gc = kGU * u + kGV * v + (1 << 15);
            int bc = kBU * u + (1 << 15);
            int y0 = kY * ((src[s + yIndex] & 0xFF) - yOff);
            int y1 = kY * ((src[s + yIndex + 2] & 0xFF) - yOff);
            out[o] = (byte) Math.min(Math.max((y0 + rc) >> 16, 0), 255);
            out[o + 1] = (byte) Math.min(Math.max((y0 + gc) >> 16, 0), 255);
            out[o + 2] = (byte) Math.min(Math.max((y0 + bc) >> 16, 0), 255);
            out[o + 3] = (byte) 0xFF;
            out[o + 4] = (byte) Math.min(Math.max((y1 + rc) >> 16, 0), 255);
            out[o + 5] = (byte) Math.min(Math.max((y1 + gc) >> 16, 0), 255);
            out[o + 6] = (byte) Math.min(Math.max((y1 + bc) >> 16, 0), 255);
            out[o + 7] = (byte) 0xFF;
        }
    }
}
