package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;

/**
 * Validates one GVSP datagram and positions the flyweights over it. {@link #decode} allocates
 * nothing: on failure it records which field was wrong so that {@link #error()} can build the
 * typed exception lazily (only callers that want it pay for it; the receiver just counts).
 *
 * <p>After a successful decode every accessor of the flyweight matching {@link #packetFormat()}
 * is in bounds: the decoder has checked the length each layout needs.
 */
public final class GvspPacketDecoder {
    private final GvspHeader header = new GvspHeader();
    private final GvspLeader leader = new GvspLeader();
    private final GvspTrailer trailer = new GvspTrailer();
    private final GvspPayload payload = new GvspPayload();

    private int format;
    private int headerSize;
    private long dataOffset;
    private int dataLength;
    private boolean errorStatus;

    private String errField;
    private long errOffset;
    private String errExpected;
    private long errActual;

    /**
     * @return true when the datagram is well formed; false otherwise (see {@link #error()})
     */
    public boolean decode(MemorySegment segment, long offset, int length) {
        errField = null;
        if (length < GvspHeader.STANDARD_SIZE) {
            return fail("header", 0, "at least 8 bytes", length);
        }
        header.wrap(segment, offset);
        headerSize = header.size();
        if (length < headerSize) {
            return fail("extended-ID header", 0, "at least 20 bytes", length);
        }
        format = header.packetFormat();
        if (!GvspPacketFormat.isKnown(format)) {
            return fail("packet format", 4, "1..8", format);
        }
        if (header.blockId() == 0) {
            return fail("block id", header.extendedIds() ? 8 : 2, "non-zero", 0);
        }
        errorStatus = GvspStatus.isError(header.status());
        dataOffset = offset + length;
        dataLength = 0;
        if (errorStatus) {
            return true; // an error packet is a bare header naming the packet it refuses
        }
        long body = offset + headerSize;
        int bodyLength = length - headerSize;
        return switch (format) {
            case GvspPacketFormat.LEADER -> checkLeader(segment, body, bodyLength);
            case GvspPacketFormat.TRAILER -> checkTrailer(segment, body, bodyLength, 0);
            case GvspPacketFormat.ALL_IN -> checkAllIn(segment, body, bodyLength);
            default -> checkPayload(segment, body, bodyLength);
        };
    }

    private boolean checkLeader(MemorySegment segment, long body, int bodyLength) {
        if (bodyLength < 4) {
            return fail("leader payload type", headerSize + 2, "4 leader bytes", bodyLength);
        }
        leader.wrap(segment, body);
        int type = leader.payloadType();
        int parts = 0;
        if (GvspPayloadType.base(type) == GvspPayloadType.MULTIPART) {
            if (!header.extendedIds()) {
                return fail("multipart leader header", 4, "extended-ID header (part count in byte 7)", 0);
            }
            parts = header.partCount();
            if (parts == 0) {
                return fail("multipart part count", 7, "1..255", 0);
            }
        }
        if (GvspPayloadType.base(type) == GvspPayloadType.GENDC && !header.extendedIds()) {
            return fail("GenDC leader header", 4, "extended-ID header", 0);
        }
        int need = GvspLeader.requiredSize(type, parts);
        if (need < 0) {
            return fail("leader payload type", headerSize + 2, "a known payload type", type);
        }
        if (bodyLength < need) {
            return fail("leader body", headerSize, need + " bytes for " + GvspPayloadType.name(type), bodyLength);
        }
        return true;
    }

    private boolean checkTrailer(MemorySegment segment, long body, int bodyLength, int relative) {
        if (bodyLength < GvspTrailer.GENERIC_SIZE) {
            return fail("trailer payload type", headerSize + relative + 2, "4 trailer bytes", bodyLength);
        }
        trailer.wrap(segment, body, bodyLength);
        int type = trailer.payloadType();
        int parts = trailer.multipartParts();
        int need = GvspTrailer.requiredSize(type, parts);
        if (bodyLength < need) {
            return fail("trailer body", headerSize + relative, need + " bytes for " + GvspPayloadType.name(type),
                    bodyLength);
        }
        return true;
    }

    private boolean checkAllIn(MemorySegment segment, long body, int bodyLength) {
        if (!checkLeader(segment, body, bodyLength)) {
            return false;
        }
        int type = leader.payloadType();
        int base = GvspPayloadType.base(type);
        if (base == GvspPayloadType.MULTIPART || base == GvspPayloadType.GENDC) {
            return fail("all-in payload type", headerSize + 2, "not multipart/GenDC", type);
        }
        int leaderSize = GvspLeader.requiredSize(type, 0);
        int trailerSize = GvspTrailer.requiredSize(type, 0);
        if (bodyLength < leaderSize + trailerSize) {
            return fail("all-in trailer", headerSize + leaderSize, trailerSize + " trailer bytes",
                    bodyLength - leaderSize);
        }
        trailer.wrap(segment, body + leaderSize, trailerSize);
        if (trailer.payloadType() != type) {
            return fail("all-in trailer payload type", headerSize + leaderSize + 2, "0x" + Integer.toHexString(type),
                    trailer.payloadType());
        }
        dataOffset = body + leaderSize + trailerSize;
        dataLength = bodyLength - leaderSize - trailerSize;
        return true;
    }

    private boolean checkPayload(MemorySegment segment, long body, int bodyLength) {
        int extra = GvspPayload.headerSize(format);
        if (bodyLength < extra) {
            return fail("payload header", headerSize, extra + " bytes", bodyLength);
        }
        payload.wrap(segment, body);
        dataOffset = body + extra;
        dataLength = bodyLength - extra;
        if (format == GvspPacketFormat.PAYLOAD_GENDC) {
            long size = payload.genDcDataSize();
            if (size > dataLength) {
                return fail("GenDC data size", headerSize, "at most " + dataLength, size);
            }
            dataLength = (int) size;
        }
        return true;
    }

    private boolean fail(String field, long offset, String expected, long actual) {
        errField = field;
        errOffset = offset;
        errExpected = expected;
        errActual = actual;
        return false;
    }

    /** The reason of the last failed {@link #decode}; null after a success. */
    public GvspFormatException error() {
        if (errField == null) {
            return null;
        }
        return new GvspFormatException(errField, errOffset, errExpected,
                errActual + " (0x" + Long.toHexString(errActual) + ")");
    }

    /** Decodes or throws the typed exception. */
    public void decodeOrThrow(MemorySegment segment, long offset, int length) throws GvspFormatException {
        if (!decode(segment, offset, length)) {
            throw error();
        }
    }

    public GvspHeader header() {
        return header;
    }

    public GvspLeader leader() {
        return leader;
    }

    public GvspTrailer trailer() {
        return trailer;
    }

    public GvspPayload payload() {
        return payload;
    }

    public int packetFormat() {
        return format;
    }

    /** True when the status field marks an error packet (no body was decoded). */
    public boolean errorStatus() {
        return errorStatus;
    }

    public int headerSize() {
        return headerSize;
    }

    /** Absolute offset (in the decoded segment) of the image/data bytes of a payload or all-in packet. */
    public long dataOffset() {
        return dataOffset;
    }

    /** Number of data bytes of a payload or all-in packet (GenDC: the packet's data size field). */
    public int dataLength() {
        return dataLength;
    }
}
