package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * FORCEIP_CMD, 56 bytes: MAC at +2 (6 bytes), static IP at +20, subnet mask at +36, gateway at +52
 * (gige-anchors §1.4). The ack has no payload.
 */
public final class ForceIpCodec {
    public static final int PAYLOAD_LENGTH = 56;

    private ForceIpCodec() {
    }

    public static int encodeCommand(ByteBuffer b, int at, int requestId, long mac, int ip, int mask, int gateway) {
        int len = CommandHeader.encode(b, at, GvcpCodes.FLAG_ACK_REQUIRED, GvcpCodes.FORCEIP_CMD, PAYLOAD_LENGTH, requestId);
        int p = at + GvcpCodes.HEADER_LENGTH;
        Wire.zero(b, p, PAYLOAD_LENGTH);
        Wire.put16(b, p + 2, (int) (mac >>> 32));
        Wire.put32(b, p + 4, (int) mac);
        Wire.put32(b, p + 20, ip);
        Wire.put32(b, p + 36, mask);
        Wire.put32(b, p + 52, gateway);
        return len;
    }

    public static void check(CommandHeader h) {
        if (h.payloadLength() != PAYLOAD_LENGTH) {
            throw new GvcpFormatException("FORCEIP_CMD length", 4, "56", Integer.toString(h.payloadLength()));
        }
    }

    public static long mac(CommandHeader h) {
        int p = h.payloadOffset();
        return ((long) Wire.u16(h.buffer(), p + 2) << 32) | Wire.u32(h.buffer(), p + 4);
    }

    public static int ip(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 20);
    }

    public static int mask(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 36);
    }

    public static int gateway(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 52);
    }
}
