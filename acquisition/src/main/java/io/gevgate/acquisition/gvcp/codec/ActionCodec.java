package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * ACTION_CMD: {@code device key(4) | group key(4) | group mask(4) | [action time(8) if flag 0x80]}
 * (gige-anchors §1.4). ACTION_ACK has no payload.
 */
public final class ActionCodec {
    public static final int LENGTH = 12;
    public static final int SCHEDULED_LENGTH = 20;

    private ActionCodec() {
    }

    public static int encode(ByteBuffer b, int at, int requestId, boolean ackRequired, int deviceKey,
                             int groupKey, int groupMask, Long actionTime) {
        int flags = (ackRequired ? GvcpCodes.FLAG_ACK_REQUIRED : 0)
                | (actionTime != null ? GvcpCodes.FLAG_SCHEDULED_ACTION : 0);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.ACTION_CMD,
                actionTime != null ? SCHEDULED_LENGTH : LENGTH, requestId);
        int p = at + GvcpCodes.HEADER_LENGTH;
        Wire.put32(b, p, deviceKey);
        Wire.put32(b, p + 4, groupKey);
        Wire.put32(b, p + 8, groupMask);
        if (actionTime != null) {
            Wire.put64(b, p + 12, actionTime);
        }
        return len;
    }

    public static void check(CommandHeader h) {
        int expected = (h.flags() & GvcpCodes.FLAG_SCHEDULED_ACTION) != 0 ? SCHEDULED_LENGTH : LENGTH;
        if (h.payloadLength() != expected) {
            throw new GvcpFormatException("ACTION_CMD length", 4, Integer.toString(expected), Integer.toString(h.payloadLength()));
        }
    }

    public static boolean scheduled(CommandHeader h) {
        return (h.flags() & GvcpCodes.FLAG_SCHEDULED_ACTION) != 0;
    }

    public static int deviceKey(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset());
    }

    public static int groupKey(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 4);
    }

    public static int groupMask(CommandHeader h) {
        return Wire.i32(h.buffer(), h.payloadOffset() + 8);
    }

    public static long actionTime(CommandHeader h) {
        return Wire.i64(h.buffer(), h.payloadOffset() + 12);
    }
}
