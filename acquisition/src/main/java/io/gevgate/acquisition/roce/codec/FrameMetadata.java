package io.gevgate.acquisition.roce.codec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The 128-byte metadata record the device writes with the frame's RDMA WRITE with immediate, at
 * the end of the frame's flow-0 page. Big-endian (network order), like the headers around it.
 *
 * <pre>
 * +0  u32 magic "GGMD"            +4  u32 flags (bit 0: device-side error, frame truncated)
 * +8  u32 PSN of the frame's first data packet
 * +12 u32 PSN of this (with-immediate) packet
 * +16 u64 frame number            +24 u64 payload bytes written by the data packets
 * +32 u32 CRC-32 of those bytes in PSN order    +36 u32 data packet count
 * +40 u64 timestamp of the first data byte (ns) +48 u64 timestamp of this record (ns)
 * +56 u16 flow count              +58..127 reserved, zero
 * </pre>
 */
public final class FrameMetadata {
    public static final int LENGTH = 128;
    public static final int MAGIC = 0x47474D44; // "GGMD"
    public static final int FLAG_DEVICE_ERROR = 1;
    static final int MAGIC_OFFSET = 0;
    static final int FLAGS = 4;
    static final int FIRST_PSN = 8;
    static final int LAST_PSN = 12;
    static final int FRAME_NUMBER = 16;
    static final int BYTES_WRITTEN = 24;
    static final int CRC = 32;
    static final int PACKET_COUNT = 36;
    static final int FIRST_DATA_TIMESTAMP = 40;
    static final int RECORD_TIMESTAMP = 48;
    static final int FLOW_COUNT = 56;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment seg;

    /** Wraps a record; throws when the segment is short or the magic is wrong. */
    public FrameMetadata wrap(MemorySegment record) throws RoceFormatException {
        seg = null;
        if (record.byteSize() < LENGTH) {
            throw new RoceFormatException(RoceError.TRUNCATED, "metadata record", 0, LENGTH + " bytes",
                    record.byteSize() + " bytes");
        }
        int magic = record.get(INT, MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new RoceFormatException(RoceError.BAD_LENGTH, "metadata magic", MAGIC_OFFSET,
                    String.format("0x%08X (GGMD)", MAGIC), String.format("0x%08X", magic));
        }
        seg = record;
        return this;
    }

    public int flags() {
        return seg.get(INT, FLAGS);
    }

    public int firstPsn() {
        return seg.get(INT, FIRST_PSN);
    }

    public int lastPsn() {
        return seg.get(INT, LAST_PSN);
    }

    public long frameNumber() {
        return seg.get(LONG, FRAME_NUMBER);
    }

    public long bytesWritten() {
        return seg.get(LONG, BYTES_WRITTEN);
    }

    public int crc() {
        return seg.get(INT, CRC);
    }

    public int packetCount() {
        return seg.get(INT, PACKET_COUNT);
    }

    public long firstDataTimestamp() {
        return seg.get(LONG, FIRST_DATA_TIMESTAMP);
    }

    public long recordTimestamp() {
        return seg.get(LONG, RECORD_TIMESTAMP);
    }

    public int flowCount() {
        return seg.get(SHORT, FLOW_COUNT) & 0xFFFF;
    }

    /** Writes a record (device side). */
    public static void write(MemorySegment dst, int flags, int firstPsn, int lastPsn, long frameNumber,
            long bytesWritten, int crc, int packetCount, long firstDataTimestamp, long recordTimestamp, int flowCount) {
        dst.asSlice(0, LENGTH).fill((byte) 0);
        dst.set(INT, MAGIC_OFFSET, MAGIC);
        dst.set(INT, FLAGS, flags);
        dst.set(INT, FIRST_PSN, firstPsn);
        dst.set(INT, LAST_PSN, lastPsn);
        dst.set(LONG, FRAME_NUMBER, frameNumber);
        dst.set(LONG, BYTES_WRITTEN, bytesWritten);
        dst.set(INT, CRC, crc);
        dst.set(INT, PACKET_COUNT, packetCount);
        dst.set(LONG, FIRST_DATA_TIMESTAMP, firstDataTimestamp);
        dst.set(LONG, RECORD_TIMESTAMP, recordTimestamp);
        dst.set(SHORT, FLOW_COUNT, (short) flowCount);
    }
}
