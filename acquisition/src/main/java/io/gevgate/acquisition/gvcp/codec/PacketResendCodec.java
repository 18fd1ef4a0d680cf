package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * PACKETRESEND_CMD (gige-anchors §1.4), sent without ack request. Standard (12 bytes):
 * {@code channel(2) | block id16(2) | first packet id(4, low 24 bits) | last packet id(4, low 24 bits)};
 * extended ids (flag 0x10, 20 bytes): {@code channel(2) | reserved(2) | first id32 | last id32 | block id64}.
 */
public final class PacketResendCodec {
    public static final int STANDARD_LENGTH = 12;
    public static final int EXTENDED_LENGTH = 20;

    private ByteBuffer buffer;
    private int payload;
    private boolean extended;

    public static int encode(ByteBuffer b, int at, int requestId, int streamChannel, long blockId,
                             long firstPacketId, long lastPacketId, boolean extendedId) {
        int p = at + GvcpCodes.HEADER_LENGTH;
        if (extendedId) {
            int len = CommandHeader.encode(b, at, GvcpCodes.FLAG_EXTENDED_ID, GvcpCodes.PACKETRESEND_CMD, EXTENDED_LENGTH, requestId);
            Wire.put16(b, p, streamChannel);
            Wire.put16(b, p + 2, 0);
            Wire.put32(b, p + 4, (int) firstPacketId);
            Wire.put32(b, p + 8, (int) lastPacketId);
            Wire.put64(b, p + 12, blockId);
            return len;
        }
        if (blockId < 0 || blockId > 0xFFFF || firstPacketId < 0 || firstPacketId > 0xFFFFFF
                || lastPacketId < 0 || lastPacketId > 0xFFFFFF) {
            throw new IllegalArgumentException("standard ids: block id must fit 16 bits and packet ids 24 bits");
        }
        int len = CommandHeader.encode(b, at, 0, GvcpCodes.PACKETRESEND_CMD, STANDARD_LENGTH, requestId);
        Wire.put16(b, p, streamChannel);
        Wire.put16(b, p + 2, (int) blockId);
        Wire.put32(b, p + 4, (int) firstPacketId);
        Wire.put32(b, p + 8, (int) lastPacketId);
        return len;
    }

    /** Wraps a PACKETRESEND_CMD, checking that its length matches its extended-id flag. */
    public PacketResendCodec wrap(CommandHeader h) {
        boolean ext = (h.flags() & GvcpCodes.FLAG_EXTENDED_ID) != 0;
        int expected = ext ? EXTENDED_LENGTH : STANDARD_LENGTH;
        if (h.payloadLength() != expected) {
            throw new GvcpFormatException("PACKETRESEND_CMD length", 4,
                    expected + (ext ? " (extended ids)" : " (standard ids)"), Integer.toString(h.payloadLength()));
        }
        this.buffer = h.buffer();
        this.payload = h.payloadOffset();
        this.extended = ext;
        return this;
    }

    public boolean extendedId() {
        return extended;
    }

    public int streamChannel() {
        return Wire.u16(buffer, payload);
    }

    public long blockId() {
        return extended ? Wire.i64(buffer, payload + 12) : Wire.u16(buffer, payload + 2);
    }

    public long firstPacketId() {
        return extended ? Wire.u32(buffer, payload + 4) : Wire.u32(buffer, payload + 4) & 0xFFFFFF;
    }

    public long lastPacketId() {
        return extended ? Wire.u32(buffer, payload + 8) : Wire.u32(buffer, payload + 8) & 0xFFFFFF;
    }
}
