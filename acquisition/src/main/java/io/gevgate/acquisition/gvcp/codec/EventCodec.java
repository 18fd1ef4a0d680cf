package io.gevgate.acquisition.gvcp.codec;

import java.nio.ByteBuffer;

/**
 * EVENT_CMD / EVENTDATA_CMD sent by a device on its message channel (gige-anchors §1.4). EVENT_CMD
 * holds one or more records; each record is 16 bytes
 * {@code reserved(2) | event id(2) | stream channel(2) | block id16(2) | timestamp(8)} or, with
 * extended ids (flag 0x10), 24 bytes {@code reserved | event id | channel | reserved(2) | block id64 |
 * timestamp}. EVENTDATA_CMD holds one record followed by device-specific data.
 */
public final class EventCodec {
    public static final int RECORD_STANDARD = 16;
    public static final int RECORD_EXTENDED = 24;
    /** Largest device-specific data we accept in one EVENTDATA_CMD. */
    public static final int MAX_EVENT_DATA = 512;

    private ByteBuffer buffer;
    private int payload;
    private int payloadLength;
    private boolean extended;
    private boolean withData;

    /** Writes an EVENT_CMD with a single record (the simulator sends one per event). */
    public static int encodeEvent(ByteBuffer b, int at, int requestId, boolean extendedId, int eventId,
                                  int streamChannel, long blockId, long timestamp) {
        int rec = extendedId ? RECORD_EXTENDED : RECORD_STANDARD;
        int flags = GvcpCodes.FLAG_ACK_REQUIRED | (extendedId ? GvcpCodes.FLAG_EXTENDED_ID : 0);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.EVENT_CMD, rec, requestId);
        writeRecord(b, at + GvcpCodes.HEADER_LENGTH, extendedId, eventId, streamChannel, blockId, timestamp);
        return len;
    }

    public static int encodeEventData(ByteBuffer b, int at, int requestId, boolean extendedId, int eventId,
                                      int streamChannel, long blockId, long timestamp, byte[] data) {
        if (data.length > MAX_EVENT_DATA) {
            throw new IllegalArgumentException("event data too long: " + data.length);
        }
        int rec = extendedId ? RECORD_EXTENDED : RECORD_STANDARD;
        int flags = GvcpCodes.FLAG_ACK_REQUIRED | (extendedId ? GvcpCodes.FLAG_EXTENDED_ID : 0);
        int len = CommandHeader.encode(b, at, flags, GvcpCodes.EVENTDATA_CMD, rec + data.length, requestId);
        writeRecord(b, at + GvcpCodes.HEADER_LENGTH, extendedId, eventId, streamChannel, blockId, timestamp);
        b.put(at + GvcpCodes.HEADER_LENGTH + rec, data);
        return len;
    }

    private static void writeRecord(ByteBuffer b, int p, boolean ext, int eventId, int channel, long blockId, long ts) {
        Wire.put16(b, p, 0);
        Wire.put16(b, p + 2, eventId);
        Wire.put16(b, p + 4, channel);
        if (ext) {
            Wire.put16(b, p + 6, 0);
            Wire.put64(b, p + 8, blockId);
            Wire.put64(b, p + 16, ts);
        } else {
            Wire.put16(b, p + 6, (int) blockId);
            Wire.put64(b, p + 8, ts);
        }
    }

    /** Wraps an EVENT_CMD or EVENTDATA_CMD; validates record sizes. */
    public EventCodec wrap(CommandHeader h) {
        int cmd = h.command();
        if (cmd != GvcpCodes.EVENT_CMD && cmd != GvcpCodes.EVENTDATA_CMD) {
            throw new GvcpFormatException("command", 2, "EVENT_CMD or EVENTDATA_CMD", GvcpCodes.commandName(cmd));
        }
        boolean ext = (h.flags() & GvcpCodes.FLAG_EXTENDED_ID) != 0;
        int rec = ext ? RECORD_EXTENDED : RECORD_STANDARD;
        int len = h.payloadLength();
        if (cmd == GvcpCodes.EVENT_CMD) {
            if (len == 0 || len % rec != 0) {
                throw new GvcpFormatException("EVENT_CMD length", 4, "a non-zero multiple of " + rec, Integer.toString(len));
            }
        } else if (len < rec || len - rec > MAX_EVENT_DATA) {
            throw new GvcpFormatException("EVENTDATA_CMD length", 4, rec + ".." + (rec + MAX_EVENT_DATA), Integer.toString(len));
        }
        this.buffer = h.buffer();
        this.payload = h.payloadOffset();
        this.payloadLength = len;
        this.extended = ext;
        this.withData = cmd == GvcpCodes.EVENTDATA_CMD;
        return this;
    }

    public int recordCount() {
        return withData ? 1 : payloadLength / recordLength();
    }

    private int recordLength() {
        return extended ? RECORD_EXTENDED : RECORD_STANDARD;
    }

    public int eventId(int record) {
        return Wire.u16(buffer, payload + record * recordLength() + 2);
    }

    public int streamChannel(int record) {
        return Wire.u16(buffer, payload + record * recordLength() + 4);
    }

    public long blockId(int record) {
        int p = payload + record * recordLength();
        return extended ? Wire.i64(buffer, p + 8) : Wire.u16(buffer, p + 6);
    }

    public long timestamp(int record) {
        int p = payload + record * recordLength();
        return Wire.i64(buffer, p + (extended ? 16 : 8));
    }

    public int dataLength() {
        return withData ? payloadLength - recordLength() : 0;
    }

    public void copyData(byte[] dst) {
        buffer.get(payload + recordLength(), dst, 0, dataLength());
    }
}
