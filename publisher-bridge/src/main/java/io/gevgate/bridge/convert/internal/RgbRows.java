package io.gevgate.bridge.convert.internal;

import io.gevgate.bridge.convert.YuvCoefficients;

/**
 * Row kernels that start from planar 8-bit R, G, B values (held in int arrays so that the
 * arithmetic needs no sign masking): RGB8/BGR8 unpacking, NV12 luma and chroma, RGBA output.
 */
public final class RgbRows {

    private RgbRows() {
    }

    /** Interleaved RGB8 (or BGR8 when {@code bgr}) row to planes. */
    public static void fromPacked(byte[] src, boolean bgr, int width, int[] r, int[] g, int[] b) {
        int[] first = bgr ? b : r;
        int[] third = bgr ? r : b;
        for (int x = 0, i = 0; x < width; x++, i += 3) {
            first[x] = src[i] & 0xFF;
            g[x] = src[i + 1] & 0xFF;
            third[x] = src[i + 2] & 0xFF;
        }
    }

    /** Y of every pixel: clamp8(((yR*R + yG*G + yB*B + 2^15) >> 16) + yOffset). */
    public static void luma(YuvCoefficients c, int[] r, int[] g, int[] b, byte[] y, int width) {
        int kr = c.yR();
        int kg = c.yG();
        int kb = c.yB();
        int offset = c.yOffset();
        for (int x = 0; x < width; x++) {
            int v = ((kr * r[x] + kg * g[x] + kb * b[x] + (1 << 15)) >> 16) + offset;
            y[x] = (byte) Math.min(Math.max(v, 0), 255);
        }
    }

    /**
     * One interleaved U,V row from two RGB rows (row 1 == row 0 for the last row of an odd
     * height). Pair i averages columns 2i and min(2i+1, width-1) of both rows, by sums.
     */
    public static void chroma(YuvCoefficients c, int[] r0, int[] g0, int[] b0, int[] r1, int[] g1, int[] b1,
                              byte[] uv, int width) {
        int ur = c.cbR();
        int ug = c.cbG();
        int ub = c.cbB();
        int vr = c.crR();
        int vg = c.crG();
        int vb = c.crB();
        int pairs = width / 2;
        for (int i = 0; i < pairs; i++) {
            int x = 2 * i;
            int sr = r0[x] + r0[x + 1] + r1[x] + r1[x + 1];
            int sg = g0[x] + g0[x + 1] + g1[x] + g1[x + 1];
            int sb = b0[x] + b0[x + 1] + b1[x] + b1[x + 1];
            int u = ((ur * sr + ug * sg + ub * sb + (1 << 17)) >> 18) + 128;
            int v = ((vr * sr + vg * sg + vb * sb + (1 << 17)) >> 18) + 128;
            uv[x] = (byte) Math.min(Math.max(u, 0), 255);
            uv[x + 1] = (byte) Math.min(Math.max(v, 0), 255);
        }
        if ((width & 1) != 0) { // odd width: the last block replicates its only column
            int x = width - 1;
            int sr = 2 * (r0[x] + r1[x]);
            int sg = 2 * (g0[x] + g1[x]);
            int sb = 2 * (b0[x] + b1[x]);
            uv[x] = (byte) c.cbOfSums(sr, sg, sb);
            uv[x + 1] = (byte) c.crOfSums(sr, sg, sb);
        }
    }

    /** RGBA8 row, alpha 255. */
    public static void rgba(int[] r, int[] g, int[] b, byte[] out, int width) {
        for (int x = 0, i = 0; x < width; x++, i += 4) {
            out[i] = (byte) r[x];
            out[i + 1] = (byte) g[x];
            out[i + 2] = (byte) b[x];
            out[i + 3] = (byte) 0xFF;
        }
    }
}
