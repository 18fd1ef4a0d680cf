package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/** Big-endian absolute accessors shared by the flyweights (ByteBuffer order is ignored on purpose). */
final class Wire {
    private Wire() {
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    static int u16(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 8) | (b.get(at + 1) & 0xFF);
    }

    static int i32(ByteBuffer b, int at) {
        return ((b.get(at) & 0xFF) << 24) | ((b.get(at + 1) & 0xFF) << 16)
                | ((b.get(at + 2) & 0xFF) << 8) | (b.get(at + 3) & 0xFF);
    }

    static long u32(ByteBuffer b, int at) {
        return i32(b, at) & 0xFFFF_FFFFL;
    }

    static long i64(ByteBuffer b, int at) {
        return ((long) i32(b, at) << 32) | (i32(b, at + 4) & 0xFFFF_FFFFL);
    }

    static void put8(ByteBuffer b, int at, int v) {
        b.put(at, (byte) v);
    }

    static void put16(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 8));
        b.put(at + 1, (byte) v);
    }

    static void put32(ByteBuffer b, int at, int v) {
        b.put(at, (byte) (v >>> 24));
        b.put(at + 1, (byte) (v >>> 16));
        b.put(at + 2, (byte) (v >>> 8));
        b.put(at + 3, (byte) v);
    }

    static void put64(ByteBuffer b, int at, long v) {
        put32(b, at, (int) (v >>> 32));
        put32(b, at + 4, (int) v);
    }

    static void zero(ByteBuffer b, int at, int len) {
        for (int i = 0; i < len; i++) {
            b.put(at + i, (byte) 0);
        }
    }

    /**
     * Writes the 8-byte GVCP header both directions share (word 0 = status for an ack, key +
     * flags for a command; then command/ack code, payload length, id) after checking room for
     * the payload; returns the datagram length. Absolute puts honour the limit, so a limit left
     * by the previous send is lifted first: it must not truncate this datagram.
     */
    static int putHeader(ByteBuffer b, int at, int word0, int code, int payloadLength, int id) {
        requireCapacity(b, at, GvcpCodes.HEADER_LENGTH + payloadLength);
        b.limit(b.capacity());
        put16(b, at, word0);
        put16(b, at + 2, code);
        put16(b, at + 4, payloadLength);
        put16(b, at + 6, id);
        return GvcpCodes.HEADER_LENGTH + payloadLength;
    }

    static void requireCapacity(ByteBuffer b, int at, int len) {
        if (at < 0 || len < 0 || at + len > b.capacity()) {
            throw new IllegalArgumentException("buffer too small: need " + (at + len) + " bytes, capacity " + b.capacity());
        }
    }
}
