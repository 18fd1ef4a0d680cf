package io.gevgate.bridge.convert;

import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Test helpers: poisoned destination planes and a byte-for-byte check of every byte in them. */
final class Planes {

    static final byte POISON = (byte) 0xA5;
    /** Extra bytes after the last row that must stay poisoned. */
    static final int TAIL = 13;

    /** Expected value of byte {@code col} of row {@code row}. */
    @FunctionalInterface
    interface Expected {
        int at(int row, int col);
    }

    private Planes() {
    }

    static MemorySegment poisoned(Arena arena, int rows, long pitch, long rowBytes) {
        long size = Nv12Geometry.planeBytes(rows, pitch, rowBytes) + TAIL;
        MemorySegment segment = arena.allocate(size);
        segment.fill(POISON);
        return segment;
    }

    /**
     * Every byte of {@code plane}: inside a row's first {@code rowBytes} it equals {@code expected},
     * everywhere else (pitch padding, tail) it is still {@link #POISON}.
     */
    static void assertPlane(String what, MemorySegment plane, long pitch, long rowBytes, int rows, Expected expected) {
        long size = plane.byteSize();
        for (long off = 0; off < size; off++) {
            int actual = plane.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
            int row = (int) (off / pitch);
            int col = (int) (off % pitch);
            boolean pixel = row < rows && col < rowBytes;
            int want = pixel ? expected.at(row, col) : (POISON & 0xFF);
            if (actual != want) {
                fail("%s: byte at row %d col %d (offset %d, %s) expected %d but was %d",
                        what, row, col, off, pixel ? "pixel" : "padding", want, actual);
            }
        }
    }
}
