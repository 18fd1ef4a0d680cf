package io.gevgate.bridge.convert;

/**
 * Test oracle: a deliberately plain, per-pixel re-implementation of docs/conversions.md, written
 * separately from the production row kernels (different structure: random access per pixel, bit-
 * by-bit unpacking, neighbourhood search for the demosaic). Slow, obvious, and independent.
 *
 * <p>Integer results use the literal coefficient tables (the spec); {@link IdealColour} checks the
 * tables themselves against real-valued math.
 */
final class ReferenceConverter {

    private final InputLayout layout;
    private final int w;
    private final int h;
    private final byte[] src;
    private final int stride;
    private final YuvCoefficients c;

    ReferenceConverter(ConversionSpec spec, byte[] src, int stride) {
        this.layout = spec.layout();
        this.w = spec.width();
        this.h = spec.height();
        this.src = src;
        this.stride = stride;
        this.c = YuvCoefficients.of(spec.matrix(), spec.range());
    }

    private int u8(long index) {
        return src[(int) index] & 0xFF;
    }

    /** Raw sample value (full depth) of a mono/Bayer pixel. */
    int rawSample(int x, int y) {
        long row = (long) y * stride;
        int bits = layout.sampleBits();
        switch (layout.packing()) {
            case U8:
                return u8(row + x);
            case U16LE:
                return (u8(row + 2L * x) + 256 * u8(row + 2L * x + 1)) % (1 << bits);
            case LSB_PACKED: {
                int value = 0;
                for (int k = 0; k < bits; k++) {
                    long bit = (long) x * bits + k;
                    int b = (u8(row + bit / 8) >> (bit % 8)) & 1;
                    value += b << k;
                }
                return value;
            }
            case GEV_PACKED: {
                long base = row + 3L * (x / 2);
                int lowBits = bits - 8;
                int middle = u8(base + 1);
                if (x % 2 == 0) {
                    return u8(base) * (1 << lowBits) + (middle % 16) % (1 << lowBits);
                }
                return u8(base + 2) * (1 << lowBits) + (middle / 16) % (1 << lowBits);
            }
            default:
                throw new AssertionError(layout);
        }
    }

    /** 8-bit sample: round(v / 2^(b-8)) half up, saturated. */
    int sample8(int x, int y) {
        int v = rawSample(x, y);
        int bits = layout.sampleBits();
        if (bits == 8) {
            return v;
        }
        return (int) Math.min(255, Math.floor(v / Math.pow(2, bits - 8) + 0.5));
    }

    /** CFA colour ('R', 'G', 'B') at any position, also outside the frame (the pattern repeats). */
    char cfaColour(int x, int y) {
        String tile = switch (layout.bayerPhase()) {
            case RG -> "RGGB";
            case GR -> "GRBG";
            case GB -> "GBRG";
            case BG -> "BGGR";
        };
        return tile.charAt(Math.floorMod(y, 2) * 2 + Math.floorMod(x, 2));
    }

    private static int mirror(int i, int n) {
        if (i < 0) {
            return -i;
        }
        if (i >= n) {
            return 2 * n - 2 - i;
        }
        return i;
    }

    /** {R, G, B} of a pixel before any YUV step. */
    int[] rgb(int x, int y) {
        switch (layout.family()) {
            case MONO: {
                int v = sample8(x, y);
                return new int[] {v, v, v};
            }
            case RGB: {
                long p = (long) y * stride + 3L * x;
                int a = u8(p);
                int g = u8(p + 1);
                int b = u8(p + 2);
                return layout == InputLayout.BGR8 ? new int[] {b, g, a} : new int[] {a, g, b};
            }
            case BAYER: {
                int[] out = new int[3];
                String colours = "RGB";
                for (int ch = 0; ch < 3; ch++) {
                    char want = colours.charAt(ch);
                    if (cfaColour(x, y) == want) {
                        out[ch] = sample8(x, y);
                        continue;
                    }
                    int sum = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if ((dx != 0 || dy != 0) && cfaColour(x + dx, y + dy) == want) {
                                sum += sample8(mirror(x + dx, w), mirror(y + dy, h));
                                n++;
                            }
                        }
                    }
                    // In a 3x3 window exactly 2 or 4 neighbours carry a missing colour; G at R/B sites
                    // must be the orthogonal four (bilinear), which the window also gives.
                    out[ch] = (sum + n / 2) / n;
                }
                return out;
            }
            case YUV422: {
                int yy = yuvY(x, y);
                int u = yuvU(x, y) - 128;
                int v = yuvV(x, y) - 128;
                int ys = c.kY() * (yy - c.yOffset());
                return new int[] {
                    clamp((ys + c.kRV() * v + 32768) >> 16),
                    clamp((ys + c.kGU() * u + c.kGV() * v + 32768) >> 16),
                    clamp((ys + c.kBU() * u + 32768) >> 16)};
            }
            default:
                throw new AssertionError(layout);
        }
    }

    private boolean uyvy() {
        return layout == InputLayout.YUV422_UYVY;
    }

    int yuvY(int x, int y) {
        return u8((long) y * stride + 2L * x + (uyvy() ? 1 : 0));
    }

    int yuvU(int x, int y) {
        return u8((long) y * stride + 4L * (x / 2) + (uyvy() ? 0 : 1));
    }

    int yuvV(int x, int y) {
        return u8((long) y * stride + 4L * (x / 2) + (uyvy() ? 2 : 3));
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    int nv12Y(int x, int y) {
        if (layout.family() == InputLayout.Family.YUV422) {
            return yuvY(x, y);
        }
        int[] p = rgb(x, y);
        return clamp(((c.yR() * p[0] + c.yG() * p[1] + c.yB() * p[2] + 32768) >> 16) + c.yOffset());
    }

    /** {U, V} of chroma block (bx, by). */
    int[] nv12Uv(int bx, int by) {
        int x0 = 2 * bx;
        int y0 = 2 * by;
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        if (layout.family() == InputLayout.Family.YUV422) {
            return new int[] {
                (yuvU(x0, y0) + yuvU(x0, y1) + 1) / 2,
                (yuvV(x0, y0) + yuvV(x0, y1) + 1) / 2};
        }
        int[] s = new int[3];
        for (int[] p : new int[][] {rgb(x0, y0), rgb(x1, y0), rgb(x0, y1), rgb(x1, y1)}) {
            for (int k = 0; k < 3; k++) {
                s[k] += p[k];
            }
        }
        return new int[] {
            clamp(((c.cbR() * s[0] + c.cbG() * s[1] + c.cbB() * s[2] + 131072) >> 18) + 128),
            clamp(((c.crR() * s[0] + c.crG() * s[1] + c.crB() * s[2] + 131072) >> 18) + 128)};
    }

    int[] rgba(int x, int y) {
        int[] p = rgb(x, y);
        return new int[] {p[0], p[1], p[2], 255};
    }
}
