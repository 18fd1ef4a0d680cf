package io.gevgate.gendc.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian, unaligned accessors: GenDC fields are little-endian and need not be aligned. */
public final class Le {
    private static final ValueLayout.OfShort U16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    public static int u8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    public static int u16(MemorySegment s, long offset) {
        return s.get(U16, offset) & 0xFFFF;
    }

    /** Unsigned 32-bit value widened to long. */
    public static long u32(MemorySegment s, long offset) {
        return s.get(U32, offset) & 0xFFFF_FFFFL;
    }

    public static int i32(MemorySegment s, long offset) {
        return s.get(U32, offset);
    }

    /** Raw 64 bits; callers treat it as unsigned where GenDC means unsigned. */
    public static long u64(MemorySegment s, long offset) {
        return s.get(U64, offset);
    }

    public static void put8(MemorySegment s, long offset, int value) {
        s.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    public static void put16(MemorySegment s, long offset, int value) {
        s.set(U16, offset, (short) value);
    }

    public static void put32(MemorySegment s, long offset, long value) {
        s.set(U32, offset, (int) value);
    }

    public static void put64(MemorySegment s, long offset, long value) {
        s.set(U64, offset, value);
    }
}
