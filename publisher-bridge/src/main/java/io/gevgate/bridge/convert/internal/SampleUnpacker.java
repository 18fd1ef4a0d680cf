package io.gevgate.bridge.convert.internal;

import io.gevgate.bridge.convert.InputLayout.Packing;

/**
 * Turns one source row of mono or Bayer samples (any packing, any depth) into 8-bit samples.
 *
 * <p>Depth rule (docs/conversions.md §3): a b-bit sample v (upper container bits masked off) becomes
 * min(255, (v + 2^(b-9)) >> (b-8)): a rounding shift, round half up, saturating at the top where
 * the rounding would carry to 256.
 *
 * <p>Output goes to {@code dst[off .. off+width)}; the caller uses off = 1 so that the demosaic
 * finds its reflected border samples at indices 0 and width+1.
 */
public final class SampleUnpacker {

    private SampleUnpacker() {
    }

    public static void unpack(Packing packing, int bits, byte[] src, byte[] dst, int off, int width) {
        switch (packing) {
            case U8 -> System.arraycopy(src, 0, dst, off, width);
            case U16LE -> unpackU16(src, dst, off, width, bits);
            case LSB_PACKED -> {
                if (bits == 12) {
                    unpackLsb12(src, dst, off, width);
                } else {
                    unpackLsb10(src, dst, off, width);
                }
            }
            case GEV_PACKED -> unpackGev(src, dst, off, width, bits);
            default -> throw new IllegalArgumentException("not a sample packing: " + packing);
        }
    }

    /** The depth rule for one sample of {@code bits} significant bits (already masked). */
    public static int reduceTo8(int value, int bits) {
        int shift = bits - 8;
        return shift == 0 ? value : Math.min(255, (value + (1 << (shift - 1))) >> shift);
    }

    private static void unpackU16(byte[] src, byte[] dst, int off, int width, int bits) {
        int mask = (1 << bits) - 1;
        int shift = bits - 8;
        int half = 1 << (shift - 1);
        for (int x = 0; x < width; x++) {
            int v = ((src[2 * x] & 0xFF) | (src[2 * x + 1] & 0xFF) << 8) & mask;
            dst[off + x] = (byte) Math.min(255, (v + half) >> shift);
        }
    }

    private static void unpackLsb12(byte[] src, byte[] dst, int off, int width) {
        int x = 0;
        int i = 0;
        for (; x + 1 < width; x += 2, i += 3) {
            int b1 = src[i + 1] & 0xFF;
            int p0 = (src[i] & 0xFF) | (b1 & 0x0F) << 8;
            int p1 = (b1 >> 4) | (src[i + 2] & 0xFF) << 4;
            dst[off + x] = (byte) Math.min(255, (p0 + 8) >> 4);
            dst[off + x + 1] = (byte) Math.min(255, (p1 + 8) >> 4);
        }
        if (x < width) { // odd width: the row ends after the low nibble of the last sample's second byte
            int p0 = (src[i] & 0xFF) | (src[i + 1] & 0x0F) << 8;
            dst[off + x] = (byte) Math.min(255, (p0 + 8) >> 4);
        }
    }

    private static void unpackLsb10(byte[] src, byte[] dst, int off, int width) {
        int x = 0;
        int i = 0;
        for (; x + 3 < width; x += 4, i += 5) {
            int b1 = src[i + 1] & 0xFF;
            int b2 = src[i + 2] & 0xFF;
            int b3 = src[i + 3] & 0xFF;
            int p0 = (src[i] & 0xFF) | (b1 & 0x03) << 8;
            int p1 = (b1 >> 2) | (b2 & 0x0F) << 6;
            int p2 = (b2 >> 4) | (b3 & 0x3F) << 4;
            int p3 = (b3 >> 6) | (src[i + 4] & 0xFF) << 2;
            dst[off + x] = (byte) Math.min(255, (p0 + 2) >> 2);
            dst[off + x + 1] = (byte) Math.min(255, (p1 + 2) >> 2);
            dst[off + x + 2] = (byte) Math.min(255, (p2 + 2) >> 2);
            dst[off + x + 3] = (byte) Math.min(255, (p3 + 2) >> 2);
        }
        for (; x < width; x++) { // tail: a 10-bit sample always spans exactly two bytes of the row
            int bit = 10 * x;
            int byteIndex = bit >> 3;
            int v = (((src[byteIndex] & 0xFF) | (src[byteIndex + 1] & 0xFF) << 8) >> (bit & 7)) & 0x3FF;
            dst[off + x] = (byte) Math.min(255, (v + 2) >> 2);
        }
    }

    private static void unpackGev(byte[] src, byte[] dst, int off, int width, int bits) {
        int lowBits = bits - 8;
        int lowMask = (1 << lowBits) - 1;
        int shift = bits - 8;
        int half = 1 << (shift - 1);
        int x = 0;
        int i = 0;
        for (; x + 1 < width; x += 2, i += 3) {
            int b1 = src[i + 1] & 0xFF;
            int p0 = (src[i] & 0xFF) << lowBits | (b1 & lowMask);
            int p1 = (src[i + 2] & 0xFF) << lowBits | ((b1 >> 4) & lowMask);
            dst[off + x] = (byte) Math.min(255, (p0 + half) >> shift);
            dst[off + x + 1] = (byte) Math.min(255, (p1 + half) >> shift);
        }
        if (x < width) { // odd width: the last group holds only its first sample (2 bytes)
            int p0 = (src[i] & 0xFF) << lowBits | (src[i + 1] & lowMask);
            dst[off + x] = (byte) Math.min(255, (p0 + half) >> shift);
        }
    }
}
