package io.gevgate.bridge.convert;

/**
 * The integer coefficient tables that DEFINE the colour conversions (docs/conversions.md §4).
 *
 * <p>They are literal constants on purpose: the CPU code, the tests' reference and the future
 * CUDA kernels all read the same numbers, so "bit exact" means "same table, same formula". They
 * were derived once as round(k * 65536) (round half away from zero) of the real matrix, scaled by
 * 219/255 (luma) and 224/255 (chroma) for limited range, and then the green coefficient was
 * adjusted so that the luma row sums to exactly round(scale * 65536) and each chroma row to
 * exactly 0. That adjustment is what makes any grey input (R = G = B) produce Cb = Cr = 128
 * exactly. {@code YuvCoefficientsTest} re-derives them from the real-valued matrix.
 *
 * <p>Forward (RGB -> YCbCr), 16 fractional bits:
 * <pre>
 *   Y  = clamp8(((yR*R + yG*G + yB*B + 2^15) >> 16) + yOffset)
 *   Cb = clamp8(((cbR*sR + cbG*sG + cbB*sB + 2^17) >> 18) + 128)   sR,sG,sB = sums over a 2x2 block
 *   Cr = clamp8(((crR*sR + crG*sG + crB*sB + 2^17) >> 18) + 128)
 * </pre>
 * Inverse (YCbCr -> RGB), used for YUV422 sources:
 * <pre>
 *   y = Y - yOffset, u = Cb - 128, v = Cr - 128
 *   R = clamp8((kY*y + kRV*v + 2^15) >> 16)
 *   G = clamp8((kY*y + kGU*u + kGV*v + 2^15) >> 16)
 *   B = clamp8((kY*y + kBU*u + 2^15) >> 16)
 * </pre>
 * {@code >>} is an arithmetic (sign-propagating) shift of a 32-bit two's-complement int, i.e.
 * floor division; clamp8 limits to 0..255.
 */
public record YuvCoefficients(
        int yR, int yG, int yB, int yOffset,
        int cbR, int cbG, int cbB,
        int crR, int crG, int crB,
        int kY, int kRV, int kGU, int kGV, int kBU) {

    /** Fractional bits of every coefficient. */
    public static final int SHIFT = 16;

    private static final YuvCoefficients BT601_FULL = new YuvCoefficients(
            19595, 38470, 7471, 0,
            -11058, -21710, 32768,
            32768, -27439, -5329,
            65536, 91881, -22553, -46802, 116130);
    private static final YuvCoefficients BT601_LIMITED = new YuvCoefficients(
            16829, 33039, 6416, 16,
            -9714, -19070, 28784,
            28784, -24103, -4681,
            76309, 104597, -25675, -53279, 132201);
    private static final YuvCoefficients BT709_FULL = new YuvCoefficients(
            13933, 46871, 4732, 0,
            -7509, -25259, 32768,
            32768, -29763, -3005,
            65536, 103206, -12276, -30679, 121609);
    private static final YuvCoefficients BT709_LIMITED = new YuvCoefficients(
            11966, 40254, 4064, 16,
            -6596, -22188, 28784,
            28784, -26145, -2639,
            76309, 117489, -13975, -34925, 138438);

    /** The table for a matrix and range. */
    public static YuvCoefficients of(YuvMatrix matrix, YuvRange range) {
        return switch (matrix) {
            case BT601 -> range == YuvRange.FULL ? BT601_FULL : BT601_LIMITED;
            case BT709 -> range == YuvRange.FULL ? BT709_FULL : BT709_LIMITED;
        };
    }

    /** Luma of one pixel (the forward formula above). */
    public int luma(int r, int g, int b) {
        return clamp8(((yR * r + yG * g + yB * b + (1 << 15)) >> SHIFT) + yOffset);
    }

    /** Cb of a 2x2 block given the sums of its four R, G and B values. */
    public int cbOfSums(int sumR, int sumG, int sumB) {
        return clamp8(((cbR * sumR + cbG * sumG + cbB * sumB + (1 << 17)) >> (SHIFT + 2)) + 128);
    }

    /** Cr of a 2x2 block given the sums of its four R, G and B values. */
    public int crOfSums(int sumR, int sumG, int sumB) {
        return clamp8(((crR * sumR + crG * sumG + crB * sumB + (1 << 17)) >> (SHIFT + 2)) + 128);
    }

    /** Saturates to 0..255 (no branch needed on the GPU: min(max(v, 0), 255)). */
    public static int clamp8(int v) {
        return Math.min(Math.max(v, 0), 255);
    }
}
