package io.gevgate.simulator.stream;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Test content that carries its own proof, so a receiver can check every frame bit-exactly
 * without knowing what the sender sent:
 *
 * <pre>
 * +0  magic "GVGT" (LE u32 0x54475647)
 * +4  frame counter (LE u64)
 * +12 CRC-32C of bytes [16, length)
 * +16 pseudo-random bytes: a SplitMix64 stream seeded by (frame counter, salt)
 * </pre>
 *
 * The pseudo-random body makes any misplaced, duplicated or stale packet visible (a gradient
 * would repeat). {@link #firstMismatch} regenerates the exact bytes for a bit-exact comparison.
 * Pixel formats do not matter: packed, Bayer or YUV content is just these bytes.
 */
public final class TestPattern {
    public static final int MAGIC = 0x54475647;
    public static final int HEADER_SIZE = 16;
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private TestPattern() {
    }

    /** Result of {@link #verify}: whether the proof holds and which frame counter it carries. */
    public record Verification(boolean ok, long frameCounter, String problem) {
    }

    /** Fills {@code [offset, offset + length)} (length at least 16) with the pattern of this frame. */
    public static void fill(MemorySegment seg, long offset, long length, long frameCounter, int salt) {
        if (length < HEADER_SIZE) {
            throw new IllegalArgumentException("pattern needs at least 16 bytes, got " + length);
        }
        long state = seed(frameCounter, salt);
        long i = HEADER_SIZE;
        long end = length - 7;
        for (; i < end; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            seg.set(LE64, offset + i, mix(state));
        }
        if (i < length) {
            state += 0x9E3779B97F4A7C15L;
            long v = mix(state);
            for (; i < length; i++) {
                seg.set(ValueLayout.JAVA_BYTE, offset + i, (byte) v);
                v >>>= 8;
            }
        }
        seg.set(LE32, offset, MAGIC);
        seg.set(LE64, offset + 4, frameCounter);
        seg.set(LE32, offset + 12, crc(seg, offset + HEADER_SIZE, length - HEADER_SIZE));
    }

    /** Checks magic and checksum; reports the embedded frame counter. */
    public static Verification verify(MemorySegment seg, long offset, long length) {
        if (length < HEADER_SIZE) {
            return new Verification(false, -1, "only " + length + " bytes");
        }
        int magic = seg.get(LE32, offset);
        long counter = seg.get(LE64, offset + 4);
        if (magic != MAGIC) {
            return new Verification(false, counter, "magic 0x" + Integer.toHexString(magic));
        }
        int stored = seg.get(LE32, offset + 12);
        int actual = crc(seg, offset + HEADER_SIZE, length - HEADER_SIZE);
        if (stored != actual) {
            return new Verification(false, counter, "CRC-32C 0x" + Integer.toHexString(actual)
                    + " != embedded 0x" + Integer.toHexString(stored));
        }
        return new Verification(true, counter, null);
    }

    /**
     * Regenerates the pattern of {@code frameCounter}/{@code salt} and compares byte by byte.
     *
     * @return -1 when identical, else the first differing byte offset (relative to {@code offset})
     */
    public static long firstMismatch(MemorySegment seg, long offset, long length, long frameCounter, int salt) {
        MemorySegment expected = MemorySegment.ofArray(new byte[(int) length]);
        fill(expected, 0, length, frameCounter, salt);
        return seg.asSlice(offset, length).mismatch(expected);
    }

    private static int crc(MemorySegment seg, long offset, long length) {
        CRC32C c = new CRC32C();
        c.update(seg.asSlice(offset, length).asByteBuffer());
        return (int) c.getValue();
    }

    private static long seed(long frameCounter, int salt) {
        return mix(frameCounter * 0x632BE59BD9B4E019L + salt);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
