package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over the GVSP packet header: 8 bytes (16-bit block id, 24-bit packet id) or, with
 * the EI bit set in byte 4, 20 bytes (64-bit block id, 32-bit packet id, flags, part count).
 * Reads and writes in place; wrap it once and re-point it per packet.
 */
public final class GvspHeader {
    public static final int STANDARD_SIZE = 8;
    public static final int EXTENDED_SIZE = 20;
    /** EI flags (bytes 2-3): this packet was resent. */
    public static final int FLAG_RESEND = 0x0001;
    /** EI flags: the previous block was dropped by the device. */
    public static final int FLAG_PREVIOUS_BLOCK_DROPPED = 0x0002;
    /** EI flags: a resend request named packets outside the block. */
    public static final int FLAG_RESEND_RANGE_ERROR = 0x0004;

    private MemorySegment s;
    private long b;

    public GvspHeader wrap(MemorySegment segment, long offset) {
        this.s = segment;
        this.b = offset;
        return this;
    }

    public boolean extendedIds() {
        return (Be.u8(s, b + 4) & 0x80) != 0;
    }

    public int size() {
        return extendedIds() ? EXTENDED_SIZE : STANDARD_SIZE;
    }

    public int status() {
        return Be.u16(s, b);
    }

    public int packetFormat() {
        return Be.u8(s, b + 4) & 0x7F;
    }

    /** Extended-ID flags; 0 for standard headers (bytes 2-3 hold the block id there). */
    public int flags() {
        return extendedIds() ? Be.u16(s, b + 2) : 0;
    }

    /** Leader byte 7 with extended IDs: number of parts (multipart). 0 for standard headers. */
    public int partCount() {
        return extendedIds() ? Be.u8(s, b + 7) : 0;
    }

    public long blockId() {
        return extendedIds() ? Be.u64(s, b + 8) : Be.u16(s, b + 2);
    }

    public long packetId() {
        return extendedIds() ? Be.u32(s, b + 16) : Be.u24(s, b + 5);
    }

    /** Writes an 8-byte standard header; returns its size. */
    public int writeStandard(int status, int blockId16, int format, int packetId24) {
        Be.put16(s, b, status);
        Be.put16(s, b + 2, blockId16);
        Be.put8(s, b + 4, format & 0x7F);
        Be.put24(s, b + 5, packetId24);
        return STANDARD_SIZE;
    }

    /** Writes a 20-byte extended-ID header; returns its size. */
    public int writeExtended(int status, int flags, int format, int partCount, long blockId, long packetId) {
        Be.put16(s, b, status);
        Be.put16(s, b + 2, flags);
        Be.put8(s, b + 4, 0x80 | (format & 0x7F));
        Be.put16(s, b + 5, 0);
        Be.put8(s, b + 7, partCount);
        Be.put64(s, b + 8, blockId);
        Be.put32(s, b + 16, packetId);
        return EXTENDED_SIZE;
    }

    /** Overwrites only the status field (used to mark resent packets in standard mode). */
    public void setStatus(int status) {
        Be.put16(s, b, status);
    }

    /** Overwrites only the EI flags field. */
    public void setFlags(int flags) {
        Be.put16(s, b + 2, flags);
    }
}
