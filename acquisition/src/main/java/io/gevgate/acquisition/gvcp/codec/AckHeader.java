package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * Flyweight over the 8-byte GVCP acknowledge header {@code status | ack code | length | ack_id}
 * followed by its payload. {@link #wrap} validates; {@link #encode} writes. No allocation.
 */
public final class AckHeader {
    private ByteBuffer buffer;
    private int offset;

    /**
     * Wraps a received acknowledge datagram.
     *
     * @throws GvcpFormatException if shorter than a header, longer than {@link GvcpCodes#MAX_DATAGRAM},
     *                             or the declared payload length exceeds the datagram
     */
    public AckHeader wrap(ByteBuffer buffer, int offset, int length) {
        if (length < GvcpCodes.HEADER_LENGTH) {
            throw GvcpFormatException.truncated("ack header", 0, GvcpCodes.HEADER_LENGTH, length);
        }
        if (length > GvcpCodes.MAX_DATAGRAM) {
            throw new GvcpFormatException("datagram", 0, "at most " + GvcpCodes.MAX_DATAGRAM + " bytes", length + " bytes");
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

    public int status() {
        return Wire.u16(buffer, offset);
    }

    public int ackCode() {
        return Wire.u16(buffer, offset + 2);
    }

    public int payloadLength() {
        return Wire.u16(buffer, offset + 4);
    }

    public int ackId() {
        return Wire.u16(buffer, offset + 6);
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    public int payloadOffset() {
        return offset + GvcpCodes.HEADER_LENGTH;
    }

    /** Writes an acknowledge header; returns the total datagram length. */
    public static int encode(ByteBuffer b, int at, int status, int ackCode, int payloadLength, int ackId) {
        return Wire.putHeader(b, at, status, ackCode, payloadLength, ackId);
    }
}
