package io.gevgate.viewer.image;

/** 256-bin histograms of R, G, B and luma (BT.601 integer weights) of a preview image. */
public record Histogram(long[] red, long[] green, long[] blue, long[] luma) {

    public static Histogram of(ArgbImage img) {
        long[] r = new long[256];
        long[] g = new long[256];
        long[] b = new long[256];
        long[] y = new long[256];
        int n = img.width() * img.height();
        int[] px = img.argb();
        for (int i = 0; i < n; i++) {
            int p = px[i];
            int rr = (p >>> 16) & 0xFF;
            int gg = (p >>> 8) & 0xFF;
            int bb = p & 0xFF;
            r[rr]++;
            g[gg]++;
            b[bb]++;
            y[(77 * rr + 150 * gg + 29 * bb) >> 8]++;
        }
        return new Histogram(r, g, b, y);
    }

    /** True when R, G and B agree for every pixel (a mono source): one curve is enough. */
    public boolean grey() {
        return java.util.Arrays.equals(red, green) && java.util.Arrays.equals(green, blue);
    }
}
