package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over a payload-packet body (after the GVSP header).
 *
 * <pre>
 * generic (3):     data
 * H.264 (5):       timestamp(8), data
 * multi-zone (6):  reserved(1), zone info(1), address offset(6), data
 * multipart (7):   part id(1), zone info(1), address offset(6, within the block), data
 * GenDC (8):       data size(4), destination offset(8, within the flow), data flags(1), flow flags(1),
 *                  flow id(2), data
 * </pre>
 */
public final class GvspPayload {
    public static final int H264_HEADER = 8;
    public static final int MULTIPART_HEADER = 8;
    public static final int GENDC_HEADER = 16;

    /** GenDC data flags bits 7-6: descriptor content. */
    public static final int GENDC_DESCRIPTOR_NONE = 0;
    public static final int GENDC_DESCRIPTOR_FINAL = 1;
    public static final int GENDC_DESCRIPTOR_FINAL_AND_DATA = 2;
    public static final int GENDC_DESCRIPTOR_PRELIMINARY = 3;
    public static final int GENDC_START_OF_DESCRIPTOR = 0x20;
    public static final int GENDC_END_OF_DESCRIPTOR = 0x10;
    public static final int GENDC_FLOW_FIRST = 0x80;
    public static final int GENDC_FLOW_LAST = 0x40;

    private MemorySegment s;
    private long b;

    public GvspPayload wrap(MemorySegment segment, long offset) {
        this.s = segment;
        this.b = offset;
        return this;
    }

    /** Bytes of per-format header before the data. */
    public static int headerSize(int format) {
        return switch (format) {
            case GvspPacketFormat.PAYLOAD_H264 -> H264_HEADER;
            case GvspPacketFormat.PAYLOAD_MULTI_ZONE, GvspPacketFormat.PAYLOAD_MULTIPART -> MULTIPART_HEADER;
            case GvspPacketFormat.PAYLOAD_GENDC -> GENDC_HEADER;
            default -> 0;
        };
    }

    public long h264Timestamp() {
        return Be.u64(s, b);
    }

    public int partId() {
        return Be.u8(s, b);
    }

    public int zoneInfo() {
        return Be.u8(s, b + 1);
    }

    public long addressOffset() {
        return Be.u48(s, b + 2);
    }

    public long genDcDataSize() {
        return Be.u32(s, b);
    }

    public long genDcDestinationOffset() {
        return Be.u64(s, b + 4);
    }

    public int genDcDataFlags() {
        return Be.u8(s, b + 12);
    }

    /** Bits 7-6 of the data flags: one of the {@code GENDC_DESCRIPTOR_*} values. */
    public int genDcDescriptorContent() {
        return genDcDataFlags() >>> 6;
    }

    public int genDcFlowFlags() {
        return Be.u8(s, b + 13);
    }

    public int genDcFlowId() {
        return Be.u16(s, b + 14);
    }

    public void writeH264(long timestamp) {
        Be.put64(s, b, timestamp);
    }

    public void writeMultipart(int partId, int zoneInfo, long addressOffset) {
        Be.put8(s, b, partId);
        Be.put8(s, b + 1, zoneInfo);
        Be.put48(s, b + 2, addressOffset);
    }

    public void writeGenDc(long dataSize, long destinationOffset, int dataFlags, int flowFlags, int flowId) {
        Be.put32(s, b, dataSize);
        Be.put64(s, b + 4, destinationOffset);
        Be.put8(s, b + 12, dataFlags);
        Be.put8(s, b + 13, flowFlags);
        Be.put16(s, b + 14, flowId);
    }
}
