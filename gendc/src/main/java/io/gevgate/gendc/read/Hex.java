package io.gevgate.gendc.read;

/** Formatting for error messages; only called when an exception is about to be thrown. */
final class Hex {
    private Hex() {
    }

    static String u64(long value) {
        return Long.toUnsignedString(value) + " (0x" + Long.toHexString(value) + ")";
    }

    static String u16(int value) {
        return String.format("0x%04X", value);
    }

    static String range(long start, long end) {
        return "[" + Long.toUnsignedString(start) + ", " + Long.toUnsignedString(end) + ")";
    }
}
