package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * Flyweight over the 8-byte GVCP command header {@code key | flags | command | length | req_id}
 * followed by its payload. {@link #wrap} validates; {@link #encode} writes. No allocation.
 */
public final class CommandHeader {
    private ByteBuffer buffer;
    private int offset;

    /**
     * Wraps a received command datagram of {@code length} bytes at {@code offset}.
     *
     * @throws GvcpFormatException if shorter than a header, the key is not 0x42, or the declared
     *                             payload length exceeds the datagram
     */
    public CommandHeader wrap(ByteBuffer buffer, int offset, int length) {
        if (length < GvcpCodes.HEADER_LENGTH) {
            throw GvcpFormatException.truncated("command header", 0, GvcpCodes.HEADER_LENGTH, length);
        }
        if (length > GvcpCodes.MAX_DATAGRAM) {
            throw new GvcpFormatException("datagram", 0, "at most " + GvcpCodes.MAX_DATAGRAM + " bytes", length + " bytes");
        }
        int key = Wire.u8(buffer, offset);
        if (key != GvcpCodes.KEY) {
            throw new GvcpFormatException("key", 0, "0x42", String.format("0x%02X", key));
        }
        int declared = Wire.u16(buffer, offset + 4);
        if (declared > length - GvcpCodes.HEADER_LENGTH) {
            throw new GvcpFormatException("length", 4, "at most " + (length - GvcpCodes.HEADER_LENGTH),
                    Integer.toString(declared));
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    public int flags() {
        return Wire.u8(buffer, offset + 1);
    }

    public boolean ackRequired() {
        return (flags() & GvcpCodes.FLAG_ACK_REQUIRED) != 0;
    }

    public int command() {
        return Wire.u16(buffer, offset + 2);
    }

    public int payloadLength() {
        return Wire.u16(buffer, offset + 4);
    }

    public int requestId() {
        return Wire.u16(buffer, offset + 6);
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** Absolute index of the first payload byte in {@link #buffer()}. */
    public int payloadOffset() {
        return offset + GvcpCodes.HEADER_LENGTH;
    }

    /** Writes a command header; returns the total datagram length (header + payload). */
    public static int encode(ByteBuffer b, int at, int flags, int command, int payloadLength, int requestId) {
        return Wire.putHeader(b, at, (GvcpCodes.KEY << 8) | (flags & 0xFF), command, payloadLength, requestId);
    }
}
