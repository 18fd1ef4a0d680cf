package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * READREG / WRITEREG commands and acknowledges (gige-anchors §1.4). READREG carries N addresses
 * and its ack N values; WRITEREG carries N {address, value} pairs and its ack
 * {@code reserved(2) | index(2)}, the number of registers written before any failure.
 */
public final class RegisterCodec {
    private RegisterCodec() {
    }

    public static int encodeReadRegCommand(ByteBuffer b, int at, int flags, int requestId, int[] addresses, int count) {
        checkCount(count, GvcpCodes.MAX_READREG_COUNT);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.READREG_CMD, 4 * count, requestId);
        for (int i = 0; i < count; i++) {
            checkAligned(addresses[i]);
            Wire.put32(b, at + GvcpCodes.HEADER_LENGTH + 4 * i, addresses[i]);
        }
        return len;
    }

    /** Number of addresses in a READREG command; validates the payload length. */
    public static int readRegCommandCount(CommandHeader h) {
        return countOf(h.payloadLength(), 4, GvcpCodes.MAX_READREG_COUNT, "READREG_CMD addresses");
    }

    public static int readRegCommandAddress(CommandHeader h, int index) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 4 * index);
    }

    public static int encodeReadRegAck(ByteBuffer b, int at, int status, int ackId, int[] values, int count) {
        int len = AckHeader.encode(b, at, status, GvcpCodes.READREG_ACK, 4 * count, ackId);
        for (int i = 0; i < count; i++) {
            Wire.put32(b, at + GvcpCodes.HEADER_LENGTH + 4 * i, values[i]);
        }
        return len;
    }

    /** Validates that a successful READREG ack carries exactly {@code expected} values. */
    public static void checkReadRegAck(AckHeader h, int expected) {
        if (h.payloadLength() != 4 * expected) {
            throw new GvcpFormatException("READREG_ACK length", 4, Integer.toString(4 * expected),
                    Integer.toString(h.payloadLength()));
        }
    }

    public static int readRegAckValue(AckHeader h, int index) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 4 * index);
    }

    public static int encodeWriteRegCommand(ByteBuffer b, int at, int flags, int requestId,
                                            int[] addresses, int[] values, int count) {
        checkCount(count, GvcpCodes.MAX_WRITEREG_COUNT);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.WRITEREG_CMD, 8 * count, requestId);
        for (int i = 0; i < count; i++) {
            checkAligned(addresses[i]);
            Wire.put32(b, at + GvcpCodes.HEADER_LENGTH + 8 * i, addresses[i]);
            Wire.put32(b, at + GvcpCodes.HEADER_LENGTH + 8 * i + 4, values[i]);
        }
        return len;
    }

    public static int writeRegCommandCount(CommandHeader h) {
        return countOf(h.payloadLength(), 8, GvcpCodes.MAX_WRITEREG_COUNT, "WRITEREG_CMD pairs");
    }

    public static int writeRegCommandAddress(CommandHeader h, int index) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 8 * index);
    }

    public static int writeRegCommandValue(CommandHeader h, int index) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 8 * index + 4);
    }

    /** WRITEREG_ACK / WRITEMEM_ACK: {@code reserved(2) | index(2)}. */
    public static int encodeIndexAck(ByteBuffer b, int at, int status, int ackCode, int ackId, int index) {
        int len = AckHeader.encode(b, at, status, ackCode, 4, ackId);
        Wire.put16(b, at + GvcpCodes.HEADER_LENGTH, 0);
        Wire.put16(b, at + GvcpCodes.HEADER_LENGTH + 2, index);
        return len;
    }

    /** The index field of a WRITEREG/WRITEMEM ack; validates the payload length. */
    public static int indexAckIndex(AckHeader h) {
        if (h.payloadLength() != 4) {
            throw new GvcpFormatException(GvcpCodes.commandName(h.ackCode()) + " length", 4, "4",
                    Integer.toString(h.payloadLength()));
        }
        return Wire.u16(h.buffer(), h.payloadOffset() + 2);
    }

    static int countOf(int payloadLength, int unit, int max, String what) {
        if (payloadLength == 0 || payloadLength % unit != 0) {
            throw new GvcpFormatException(what, 4, "a non-zero multiple of " + unit + " bytes",
                    payloadLength + " bytes");
        }
        int n = payloadLength / unit;
        if (n > max) {
            throw new GvcpFormatException(what, 4, "at most " + max, Integer.toString(n));
        }
        return n;
    }

    private static void checkCount(int count, int max) {
        if (count < 1 || count > max) {
            throw new IllegalArgumentException("register count must be 1.." + max + ", got " + count);
        }
    }

    private static void checkAligned(int address) {
        if ((address & 3) != 0) {
            throw new IllegalArgumentException(String.format("register address 0x%08X is not 4-byte aligned", address));
        }
    }
}
