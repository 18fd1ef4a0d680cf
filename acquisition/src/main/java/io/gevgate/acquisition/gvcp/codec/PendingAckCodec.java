package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * PENDING_ACK: {@code reserved(2) | time to completion(2, ms)}. A device sends it when a command
 * takes longer than its pending timeout; the host then extends its wait by that time and keeps
 * waiting for the real acknowledge under the same ack id.
 */
public final class PendingAckCodec {
    private PendingAckCodec() {
    }

    public static int encode(ByteBuffer b, int at, int ackId, int timeToCompletionMs) {
        int len = AckHeader.encode(b, at, 0, GvcpCodes.PENDING_ACK, 4, ackId);
        Wire.put16(b, at + 8, 0);
        Wire.put16(b, at + 10, timeToCompletionMs);
        return len;
    }

    public static int timeToCompletionMs(AckHeader h) {
        if (h.payloadLength() != 4) {
            throw new GvcpFormatException("PENDING_ACK length", 4, "4", Integer.toString(h.payloadLength()));
        }
        return Wire.u16(h.buffer(), h.payloadOffset() + 2);
    }
}
