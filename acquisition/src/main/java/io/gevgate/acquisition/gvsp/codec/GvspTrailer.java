package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over a trailer body (after the GVSP header).
 *
 * <pre>
 * generic (4):           +0 reserved(2), +2 payload type
 * Image / MultiZone (8): +4 size y (lines actually sent)
 * Chunk (8):             +4 chunk payload length
 * ExtendedChunk (16):    +4 payload length, +8 size y, +12 chunk layout id
 * Multipart (4 + 16 n):  per part +0 data type(2), +2 part length(6), +8 size y(4), +12 reserved(4)
 * chunk flag 0x4000: 8 more bytes: chunk payload length(4), chunk layout id(4)
 * </pre>
 */
public final class GvspTrailer {
    public static final int GENERIC_SIZE = 4;
    public static final int IMAGE_SIZE = 8;
    public static final int CHUNK_SIZE = 8;
    public static final int EXTENDED_CHUNK_SIZE = 16;
    public static final int PART_SIZE = 16;
    public static final int CHUNK_INFO_SIZE = 8;

    private MemorySegment s;
    private long b;
    private int length;

    /** @param length bytes available for the trailer body (the multipart part count derives from it) */
    public GvspTrailer wrap(MemorySegment segment, long offset, int length) {
        this.s = segment;
        this.b = offset;
        this.length = length;
        return this;
    }

    /** Trailer body bytes for this type, chunk info included; {@code parts} matters for multipart. */
    public static int requiredSize(int rawPayloadType, int parts) {
        int base = switch (GvspPayloadType.base(rawPayloadType)) {
            case GvspPayloadType.IMAGE, GvspPayloadType.MULTI_ZONE -> IMAGE_SIZE;
            case GvspPayloadType.CHUNK_DATA -> CHUNK_SIZE;
            case GvspPayloadType.EXTENDED_CHUNK -> EXTENDED_CHUNK_SIZE;
            case GvspPayloadType.MULTIPART -> GENERIC_SIZE + PART_SIZE * parts;
            default -> GENERIC_SIZE;
        };
        return base + (GvspPayloadType.hasChunks(rawPayloadType) ? CHUNK_INFO_SIZE : 0);
    }

    public int payloadType() {
        return Be.u16(s, b + 2);
    }

    /** Image/multi-zone: lines sent; extended chunk: at +8. */
    public long sizeY() {
        return GvspPayloadType.base(payloadType()) == GvspPayloadType.EXTENDED_CHUNK ? Be.u32(s, b + 8) : Be.u32(s, b + 4);
    }

    /** Chunk data / extended chunk: payload length at +4. */
    public long chunkPayloadLength() {
        if (GvspPayloadType.hasChunks(payloadType())) {
            return Be.u32(s, b + chunkInfoOffset());
        }
        return Be.u32(s, b + 4);
    }

    /** Chunk layout id (extended chunk, or the chunk-flag extension); 0 when absent. */
    public long chunkLayoutId() {
        if (GvspPayloadType.hasChunks(payloadType())) {
            return Be.u32(s, b + chunkInfoOffset() + 4);
        }
        return GvspPayloadType.base(payloadType()) == GvspPayloadType.EXTENDED_CHUNK ? Be.u32(s, b + 12) : 0;
    }

    private int chunkInfoOffset() {
        return requiredSize(payloadType() & ~GvspPayloadType.CHUNK_FLAG, multipartParts());
    }

    /** Multipart: parts described, derived from the body length. */
    public int multipartParts() {
        return Math.max(0, (length - GENERIC_SIZE - (GvspPayloadType.hasChunks(payloadType()) ? CHUNK_INFO_SIZE : 0)) / PART_SIZE);
    }

    public int partDataType(int i) {
        return Be.u16(s, b + GENERIC_SIZE + (long) PART_SIZE * i);
    }

    public long partLength(int i) {
        return Be.u48(s, b + GENERIC_SIZE + (long) PART_SIZE * i + 2);
    }

    public long partSizeY(int i) {
        return Be.u32(s, b + GENERIC_SIZE + (long) PART_SIZE * i + 8);
    }

    // ---- writers ----

    /** Writes the common 4 bytes plus the type-specific word(s); returns the body length. */
    public int write(int rawPayloadType, long sizeYOrLength) {
        Be.put16(s, b, 0);
        Be.put16(s, b + 2, rawPayloadType);
        int base = GvspPayloadType.base(rawPayloadType);
        int n = GENERIC_SIZE;
        if (base == GvspPayloadType.IMAGE || base == GvspPayloadType.MULTI_ZONE || base == GvspPayloadType.CHUNK_DATA) {
            Be.put32(s, b + 4, sizeYOrLength);
            n = IMAGE_SIZE;
        }
        return n;
    }

    public int writeExtendedChunk(int rawPayloadType, long payloadLength, long sizeY, long layoutId) {
        Be.put16(s, b, 0);
        Be.put16(s, b + 2, rawPayloadType);
        Be.put32(s, b + 4, payloadLength);
        Be.put32(s, b + 8, sizeY);
        Be.put32(s, b + 12, layoutId);
        return EXTENDED_CHUNK_SIZE;
    }

    public int writeMultipart(int parts) {
        Be.put16(s, b, 0);
        Be.put16(s, b + 2, GvspPayloadType.MULTIPART);
        return GENERIC_SIZE + PART_SIZE * parts;
    }

    public void writePart(int i, int dataType, long partLength, long sizeY) {
        long p = b + GENERIC_SIZE + (long) PART_SIZE * i;
        Be.put16(s, p, dataType);
        Be.put48(s, p + 2, partLength);
        Be.put32(s, p + 8, sizeY);
        Be.put32(s, p + 12, 0);
    }

    /** Appends the chunk-flag extension at body offset {@code at}; returns its size. */
    public int writeChunkInfo(int at, long chunkPayloadLength, long layoutId) {
        Be.put32(s, b + at, chunkPayloadLength);
        Be.put32(s, b + at + 4, layoutId);
        return CHUNK_INFO_SIZE;
    }
}
