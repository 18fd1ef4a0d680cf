package io.gevgate.bridge.convert;

/** Real-valued BT.601/709 math with one explicit final rounding (half up) and clamping. */
final class IdealColour {

    private IdealColour() {
    }

    private static int round8(double v) {
        return (int) Math.min(255, Math.max(0, Math.floor(v + 0.5)));
    }

    static int luma(YuvMatrix m, YuvRange range, double r, double g, double b) {
        double y = m.kr() * r + (1 - m.kr() - m.kb()) * g + m.kb() * b;
        return range == YuvRange.FULL ? round8(y) : round8(16 + y * 219 / 255);
    }

    /** {Cb, Cr} of a 2x2 block from sums of its R, G, B (i.e. of the block's mean colour). */
    static int[] chromaOfSums(YuvMatrix m, YuvRange range, int sr, int sg, int sb) {
        double r = sr / 4.0;
        double g = sg / 4.0;
        double b = sb / 4.0;
        double y = m.kr() * r + (1 - m.kr() - m.kb()) * g + m.kb() * b;
        double cb = (b - y) / (2 * (1 - m.kb()));
        double cr = (r - y) / (2 * (1 - m.kr()));
        double scale = range == YuvRange.FULL ? 1 : 224.0 / 255;
        return new int[] {round8(128 + cb * scale), round8(128 + cr * scale)};
    }

    static int[] toRgb(YuvMatrix m, YuvRange range, int y, int u, int v) {
        boolean full = range == YuvRange.FULL;
        double yy = full ? y : (y - 16) * 255.0 / 219;
        double cb = (u - 128) * (full ? 1 : 255.0 / 224);
        double cr = (v - 128) * (full ? 1 : 255.0 / 224);
        double kr = m.kr();
        double kb = m.kb();
        double kg = 1 - kr - kb;
        double r = yy + 2 * (1 - kr) * cr;
        double b = yy + 2 * (1 - kb) * cb;
        double g = (yy - kr * r - kb * b) / kg;
        return new int[] {round8(r), round8(g), round8(b)};
    }
}
