package io.gevgate.viewer.image;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Packs byte planes (RGBA8 from the converter, cuframes RGB/BGR/Mono/NV12) into 0xAARRGGBB ints. */
public final class RgbaPacking {
    private RgbaPacking() {
    }

    /**
     * RGBA8 rows with {@code pitch} bytes per row. Each row is bulk-copied as little-endian ints
     * (0xAABBGGRR) and R/B swapped in a plain int loop, which the JIT vectorises; per-byte segment
     * reads made the live view fall behind a 30 fps camera on a loaded host.
     */
    public static void rgba(MemorySegment src, long pitch, int w, int h, int[] dst) {
        for (int y = 0; y < h; y++) {
            int o = y * w;
            MemorySegment.copy(src, ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN),
                    y * pitch, dst, o, w);
            for (int x = o; x < o + w; x++) {
                int v = dst[x];
                dst[x] = 0xFF00_0000 | (v & 0x0000_FF00) | (v & 0xFF) << 16 | (v >>> 16) & 0xFF;
            }
        }
    }

    /** 3-byte pixels; {@code bgr} swaps the first and third byte. */
    public static void rgb(MemorySegment src, long pitch, int w, int h, boolean bgr, int[] dst) {
        for (int y = 0; y < h; y++) {
            long row = y * pitch;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int c0 = src.get(ValueLayout.JAVA_BYTE, row + 3L * x) & 0xFF;
                int c1 = src.get(ValueLayout.JAVA_BYTE, row + 3L * x + 1) & 0xFF;
                int c2 = src.get(ValueLayout.JAVA_BYTE, row + 3L * x + 2) & 0xFF;
                dst[o + x] = bgr ? 0xFF00_0000 | c2 << 16 | c1 << 8 | c0 : 0xFF00_0000 | c0 << 16 | c1 << 8 | c2;
            }
        }
    }

    public static void mono8(MemorySegment src, long pitch, int w, int h, int[] dst) {
        for (int y = 0; y < h; y++) {
            long row = y * pitch;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int v = src.get(ValueLayout.JAVA_BYTE, row + x) & 0xFF;
                dst[o + x] = 0xFF00_0000 | v << 16 | v << 8 | v;
            }
        }
    }

    /**
     * NV12, BT.601 limited range (what the gateway's default conversion writes, docs/conversions.md),
     * back to RGB for display. Integer arithmetic, 8 fractional bits; a preview, not a reference.
     */
    public static void nv12(MemorySegment src, long pitchY, long pitchUv, long chromaOffset, int w, int h, int[] dst) {
        for (int y = 0; y < h; y++) {
            long rowY = y * pitchY;
            long rowUv = chromaOffset + (y >> 1) * pitchUv;
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int yy = (src.get(ValueLayout.JAVA_BYTE, rowY + x) & 0xFF) - 16;
                int u = (src.get(ValueLayout.JAVA_BYTE, rowUv + (x & ~1)) & 0xFF) - 128;
                int v = (src.get(ValueLayout.JAVA_BYTE, rowUv + (x & ~1) + 1) & 0xFF) - 128;
                int c = 298 * yy;
                int r = clamp((c + 409 * v + 128) >> 8);
                int g = clamp((c - 100 * u - 208 * v + 128) >> 8);
                int b = clamp((c + 516 * u + 128) >> 8);
                dst[o + x] = 0xFF00_0000 | r << 16 | g << 8 | b;
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
