package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * READMEM / WRITEMEM (gige-anchors §1.4). READMEM_CMD: {@code address(4) | reserved(2) | count(2)};
 * READMEM_ACK: {@code address(4) | data}; WRITEMEM_CMD: {@code address(4) | data}; WRITEMEM_ACK is an
 * index ack ({@link RegisterCodec#encodeIndexAck}). Counts are multiples of 4, at most
 * {@link GvcpCodes#MAX_MEMORY_CHUNK}.
 */
public final class MemoryCodec {
    private MemoryCodec() {
    }

    public static int encodeReadMemCommand(ByteBuffer b, int at, int flags, int requestId, int address, int count) {
        checkChunk(address, count);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.READMEM_CMD, 8, requestId);
        Wire.put32(b, at + 8, address);
        Wire.put16(b, at + 12, 0);
        Wire.put16(b, at + 14, count);
        return len;
    }

    public static void checkReadMemCommand(CommandHeader h) {
        if (h.payloadLength() != 8) {
            throw new GvcpFormatException("READMEM_CMD length", 4, "8", Integer.toString(h.payloadLength()));
        }
    }

    public static int readMemCommandAddress(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset());
    }

    public static int readMemCommandCount(CommandHeader h) {
        return Wire.u16(h.buffer(), h.payloadOffset() + 6);
    }

    /** Writes a READMEM ack header and address; the caller then fills {@code count} data bytes at {@link #dataOffset}. */
    public static int encodeReadMemAck(ByteBuffer b, int at, int status, int ackId, int address, int count) {
        int len = AckHeader.encode(b, at, status, GvcpCodes.READMEM_ACK, 4 + count, ackId);
        Wire.put32(b, at + 8, address);
        return len;
    }

    /** Absolute offset of the data bytes of a READMEM ack or WRITEMEM command written/wrapped at {@code at}. */
    public static int dataOffset(int at) {
        return at + GvcpCodes.HEADER_LENGTH + 4;
    }

    /** Validates a successful READMEM ack against the request; returns the absolute data offset. */
    public static int checkReadMemAck(AckHeader h, int address, int count) {
        if (h.payloadLength() != 4 + count) {
            throw new GvcpFormatException("READMEM_ACK length", 4, Integer.toString(4 + count),
                    Integer.toString(h.payloadLength()));
        }
        int echoed = Wire.i32(h.buffer(), h.payloadOffset());
        if (echoed != address) {
            throw new GvcpFormatException("READMEM_ACK address", 8, String.format("0x%08X", address),
                    String.format("0x%08X", echoed));
        }
        return h.payloadOffset() + 4;
    }

    public static int encodeWriteMemCommand(ByteBuffer b, int at, int flags, int requestId, int address,
                                            byte[] data, int dataOffset, int count) {
        checkChunk(address, count);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.WRITEMEM_CMD, 4 + count, requestId);
        Wire.put32(b, at + 8, address);
        b.put(at + 12, data, dataOffset, count);
        return len;
    }

    /** Number of data bytes of a WRITEMEM command; validates the payload length. */
    public static int writeMemCommandCount(CommandHeader h) {
        int n = h.payloadLength() - 4;
        if (n <= 0 || n % 4 != 0 || n > GvcpCodes.MAX_MEMORY_CHUNK) {
            throw new GvcpFormatException("WRITEMEM_CMD data", 12,
                    "1.." + GvcpCodes.MAX_MEMORY_CHUNK + " bytes, a multiple of 4", n + " bytes");
        }
        return n;
    }

    public static int writeMemCommandAddress(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset());
    }

    private static void checkChunk(int address, int count) {
        if ((address & 3) != 0 || count <= 0 || (count & 3) != 0 || count > GvcpCodes.MAX_MEMORY_CHUNK) {
            throw new IllegalArgumentException(String.format(
                    "memory chunk must be 4-byte aligned, 4..%d bytes: address 0x%08X count %d",
                    GvcpCodes.MAX_MEMORY_CHUNK, address, count));
        }
    }
}
