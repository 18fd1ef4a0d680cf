package io.gevgate.gendc.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian pokes into a copy of a container, for mutation tests. */
final class Bytes {
    private Bytes() {
    }

    static byte[] put(byte[] original, long offset, int width, long value) {
        byte[] copy = original.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int at = Math.toIntExact(offset);
        switch (width) {
            case 1 -> b.put(at, (byte) value);
            case 2 -> b.putShort(at, (short) value);
            case 4 -> b.putInt(at, (int) value);
            case 8 -> b.putLong(at, value);
            default -> throw new IllegalArgumentException("width " + width);
        }
        return copy;
    }

    static long get(byte[] bytes, long offset, int width) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = Math.toIntExact(offset);
        return switch (width) {
            case 1 -> b.get(at) & 0xFF;
            case 2 -> b.getShort(at) & 0xFFFF;
            case 4 -> b.getInt(at) & 0xFFFF_FFFFL;
            default -> b.getLong(at);
        };
    }
}
