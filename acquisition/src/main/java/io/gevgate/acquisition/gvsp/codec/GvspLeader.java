package io.gevgate.acquisition.gvsp.codec;

import java.lang.foreign.MemorySegment;

/**
 * Flyweight over a leader body (the bytes after the GVSP header). The layout depends on the
 * payload type at +2; {@link #requiredSize(int, int)} gives each layout's length and the decoder
 * checks it before any accessor is used, so accessors never read out of bounds.
 *
 * <pre>
 * Image / ExtendedChunk (36): +0 field info, +1 flags, +2 type, +4 timestamp(8), +12 pixel format,
 *   +16 size x, +20 size y, +24 offset x, +28 offset y, +32 padding x(2), +34 padding y(2)
 * Raw / File (20 [+name]):   +4 timestamp, +12 payload size(8)
 * Chunk (12):                +4 timestamp
 * JPEG / JPEG2000 (32):      +4 timestamp, +12 payload size(8), +20 tick frequency(8), +28 data format
 * H.264 (32):                +4 payload size(8), +13 packetization mode, +14 packet size(2), ...
 * Multipart (12 + 48 n):     +4 timestamp, part i at 12 + 48 i
 * GenDC (28):                +4 timestamp, +12 payload size(8), +20 flags (0x80 preliminary), +24 descriptor size
 * </pre>
 */
public final class GvspLeader {
    public static final int IMAGE_SIZE = 36;
    public static final int RAW_SIZE = 20;
    public static final int CHUNK_SIZE = 12;
    public static final int JPEG_SIZE = 32;
    public static final int H264_SIZE = 32;
    public static final int MULTI_ZONE_SIZE = 40;
    public static final int MULTIPART_BASE_SIZE = 12;
    public static final int PART_INFO_SIZE = 48;
    public static final int GENDC_SIZE = 28;
    /** GenDC leader flag: the descriptor announced is preliminary. */
    public static final int GENDC_FLAG_PRELIMINARY = 0x80;

    private MemorySegment s;
    private long b;

    public GvspLeader wrap(MemorySegment segment, long offset) {
        this.s = segment;
        this.b = offset;
        return this;
    }

    /** Bytes a leader body of this type needs; -1 for an unknown standard type. */
    public static int requiredSize(int rawPayloadType, int partCount) {
        return switch (GvspPayloadType.base(rawPayloadType)) {
            case GvspPayloadType.IMAGE, GvspPayloadType.EXTENDED_CHUNK -> IMAGE_SIZE;
            case GvspPayloadType.RAW, GvspPayloadType.FILE -> RAW_SIZE;
            case GvspPayloadType.CHUNK_DATA -> CHUNK_SIZE;
            case GvspPayloadType.JPEG, GvspPayloadType.JPEG2000 -> JPEG_SIZE;
            case GvspPayloadType.H264 -> H264_SIZE;
            case GvspPayloadType.MULTI_ZONE -> MULTI_ZONE_SIZE;
            case GvspPayloadType.MULTIPART -> MULTIPART_BASE_SIZE + PART_INFO_SIZE * partCount;
            case GvspPayloadType.GENDC -> GENDC_SIZE;
            default -> (rawPayloadType & GvspPayloadType.DEVICE_SPECIFIC) != 0 ? 4 : -1;
        };
    }

    public int fieldInfo() {
        return Be.u8(s, b);
    }

    /** The raw payload type, chunk flag included. */
    public int payloadType() {
        return Be.u16(s, b + 2);
    }

    /** Timestamp ticks; 0 for H.264 (no timestamp in its leader) and device-specific types (layout unknown). */
    public long timestamp() {
        int type = payloadType();
        if (GvspPayloadType.base(type) == GvspPayloadType.H264 || (type & GvspPayloadType.DEVICE_SPECIFIC) != 0) {
            return 0;
        }
        return Be.u64(s, b + 4);
    }

    // Image / extended chunk / multi-zone (multi-zone shifts the image fields by 4).
    private long img() {
        return GvspPayloadType.base(payloadType()) == GvspPayloadType.MULTI_ZONE ? b + 4 : b;
    }

    public int pixelFormat() {
        return Be.i32(s, img() + 12);
    }

    public long sizeX() {
        return Be.u32(s, img() + 16);
    }

    public long sizeY() {
        return Be.u32(s, img() + 20);
    }

    public long offsetX() {
        return Be.u32(s, img() + 24);
    }

    public long offsetY() {
        return Be.u32(s, img() + 28);
    }

    public int paddingX() {
        return Be.u16(s, img() + 32);
    }

    public int paddingY() {
        return Be.u16(s, img() + 34);
    }

    /** Raw, file, JPEG, GenDC: announced payload size; H.264: at +4. */
    public long payloadSize() {
        return GvspPayloadType.base(payloadType()) == GvspPayloadType.H264 ? Be.u64(s, b + 4) : Be.u64(s, b + 12);
    }

    public long jpegTickFrequency() {
        return Be.u64(s, b + 20);
    }

    public long jpegDataFormat() {
        return Be.u32(s, b + 28);
    }

    public int h264PacketizationMode() {
        return Be.u8(s, b + 13);
    }

    public int h264PacketSize() {
        return Be.u16(s, b + 14);
    }

    public int genDcFlags() {
        return Be.u8(s, b + 20);
    }

    public boolean genDcPreliminaryDescriptor() {
        return (genDcFlags() & GENDC_FLAG_PRELIMINARY) != 0;
    }

    public long genDcDescriptorSize() {
        return Be.u32(s, b + 24);
    }

    private long part(int i) {
        return b + MULTIPART_BASE_SIZE + (long) PART_INFO_SIZE * i;
    }

    public int partDataType(int i) {
        return Be.u16(s, part(i));
    }

    public long partLength(int i) {
        return Be.u48(s, part(i) + 2);
    }

    public int partPixelFormat(int i) {
        return Be.i32(s, part(i) + 8);
    }

    public int partSourceId(int i) {
        return Be.u8(s, part(i) + 14);
    }

    public int partDataPurposeId(int i) {
        return Be.u16(s, part(i) + 20);
    }

    public int partRegionId(int i) {
        return Be.u16(s, part(i) + 22);
    }

    public long partSizeX(int i) {
        return Be.u32(s, part(i) + 24);
    }

    public long partSizeY(int i) {
        return Be.u32(s, part(i) + 28);
    }

    public long partOffsetX(int i) {
        return Be.u32(s, part(i) + 32);
    }

    public long partOffsetY(int i) {
        return Be.u32(s, part(i) + 36);
    }

    public int partPaddingX(int i) {
        return Be.u16(s, part(i) + 40);
    }

    public int partPaddingY(int i) {
        return Be.u16(s, part(i) + 42);
    }

    // ---- writers (emitter side); each returns the body length written ----

    public int writeImage(int rawType, long timestamp, int pixelFormat, long sizeX, long sizeY,
                          long offsetX, long offsetY, int paddingX, int paddingY) {
        writeCommon(rawType);
        Be.put64(s, b + 4, timestamp);
        Be.put32(s, b + 12, pixelFormat);
        Be.put32(s, b + 16, sizeX);
        Be.put32(s, b + 20, sizeY);
        Be.put32(s, b + 24, offsetX);
        Be.put32(s, b + 28, offsetY);
        Be.put16(s, b + 32, paddingX);
        Be.put16(s, b + 34, paddingY);
        return IMAGE_SIZE;
    }

    public int writeRaw(int rawType, long timestamp, long payloadSize) {
        writeCommon(rawType);
        Be.put64(s, b + 4, timestamp);
        Be.put64(s, b + 12, payloadSize);
        return RAW_SIZE;
    }

    public int writeChunk(int rawType, long timestamp) {
        writeCommon(rawType);
        Be.put64(s, b + 4, timestamp);
        return CHUNK_SIZE;
    }

    public int writeJpeg(int rawType, long timestamp, long payloadSize, long tickFrequency, long dataFormat) {
        writeCommon(rawType);
        Be.put64(s, b + 4, timestamp);
        Be.put64(s, b + 12, payloadSize);
        Be.put64(s, b + 20, tickFrequency);
        Be.put32(s, b + 28, dataFormat);
        return JPEG_SIZE;
    }

    public int writeH264(int rawType, long payloadSize, int packetizationMode, int packetSize) {
        writeCommon(rawType);
        Be.put64(s, b + 4, payloadSize);
        for (int i = 12; i < H264_SIZE; i++) {
            Be.put8(s, b + i, 0);
        }
        Be.put8(s, b + 13, packetizationMode);
        Be.put16(s, b + 14, packetSize);
        return H264_SIZE;
    }

    public int writeGenDc(long timestamp, long payloadSize, int flags, long descriptorSize) {
        writeCommon(GvspPayloadType.GENDC);
        Be.put64(s, b + 4, timestamp);
        Be.put64(s, b + 12, payloadSize);
        Be.put8(s, b + 20, flags);
        Be.put24(s, b + 21, 0);
        Be.put32(s, b + 24, descriptorSize);
        return GENDC_SIZE;
    }

    public int writeMultipartBase(long timestamp) {
        writeCommon(GvspPayloadType.MULTIPART);
        Be.put64(s, b + 4, timestamp);
        return MULTIPART_BASE_SIZE;
    }

    /** Writes part info {@code i} of a multipart leader (2D-image style fields). */
    public void writePart(int i, int dataType, long length, int pixelFormat, int sourceId, int purposeId,
                          int regionId, long sizeX, long sizeY, long offsetX, long offsetY, int padX, int padY) {
        long p = part(i);
        Be.put16(s, p, dataType);
        Be.put48(s, p + 2, length);
        Be.put32(s, p + 8, pixelFormat);
        Be.put16(s, p + 12, 0);
        Be.put8(s, p + 14, sourceId);
        Be.put8(s, p + 15, 0);
        Be.put32(s, p + 16, 0);
        Be.put16(s, p + 20, purposeId);
        Be.put16(s, p + 22, regionId);
        Be.put32(s, p + 24, sizeX);
        Be.put32(s, p + 28, sizeY);
        Be.put32(s, p + 32, offsetX);
        Be.put32(s, p + 36, offsetY);
        Be.put16(s, p + 40, padX);
        Be.put16(s, p + 42, padY);
        Be.put32(s, p + 44, 0);
    }

    private void writeCommon(int rawType) {
        Be.put8(s, b, 0);
        Be.put8(s, b + 1, 0);
        Be.put16(s, b + 2, rawType);
    }
}
