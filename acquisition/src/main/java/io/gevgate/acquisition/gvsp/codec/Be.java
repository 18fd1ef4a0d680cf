package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Big-endian (network order) unaligned accessors: every GVSP integer is big-endian. */
final class Be {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Be() {
    }

    static int u8(MemorySegment s, long o) {
        return s.get(ValueLayout.JAVA_BYTE, o) & 0xFF;
    }

    static int u16(MemorySegment s, long o) {
        return s.get(U16, o) & 0xFFFF;
    }

    static long u32(MemorySegment s, long o) {
        return s.get(U32, o) & 0xFFFF_FFFFL;
    }

    static int i32(MemorySegment s, long o) {
        return s.get(U32, o);
    }

    static long u64(MemorySegment s, long o) {
        return s.get(U64, o);
    }

    static long u48(MemorySegment s, long o) {
        return ((long) u16(s, o) << 32) | u32(s, o + 2);
    }

    static int u24(MemorySegment s, long o) {
        return (u8(s, o) << 16) | u16(s, o + 1);
    }

    static void put8(MemorySegment s, long o, int v) {
        s.set(ValueLayout.JAVA_BYTE, o, (byte) v);
    }

    static void put16(MemorySegment s, long o, int v) {
        s.set(U16, o, (short) v);
    }

    static void put32(MemorySegment s, long o, long v) {
        s.set(U32, o, (int) v);
    }

    static void put64(MemorySegment s, long o, long v) {
        s.set(U64, o, v);
    }

    static void put48(MemorySegment s, long o, long v) {
        put16(s, o, (int) (v >>> 32));
        put32(s, o + 2, v);
    }

    static void put24(MemorySegment s, long o, int v) {
        put8(s, o, v >>> 16);
        put16(s, o + 1, v);
    }
}
