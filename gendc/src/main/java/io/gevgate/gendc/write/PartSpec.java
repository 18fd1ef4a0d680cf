package io.gevgate.gendc.write;

import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.HeaderTypes.PartCategory;
import io.gevgate.gendc.layout.PartHeader;
import io.gevgate.gendc.pfnc.PixelFormat;
import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a container to write: its header fields and, optionally, its bytes. Create one with
 * the factories ({@link #image}, {@link #array1D}, {@link #chunkMetadata}, {@link #genicamXml},
 * {@link #jpeg}, {@link #jpeg2000}, {@link #h264}) and adjust it with the {@code with...} methods.
 * Fields that do not apply to the part's category are 0. {@code content} null means "the caller
 * fills the data while writing" ({@link PartDataSource}); otherwise its length is the DataSize.
 *
 * @param headerType       part type (see {@link HeaderTypes})
 * @param flags            part flags (GenICam XML: Zip/Chunk bits)
 * @param format           PFNC code of the part
 * @param flowId           flow that carries the data (flow 0 also carries the descriptor)
 * @param dataSize         bytes of data
 * @param sizeX            2D: width
 * @param sizeY            2D: height
 * @param paddingX         2D: bytes after each line
 * @param paddingY         2D: bytes after the image
 * @param size             1D: elements; metadata: bytes
 * @param padding          1D/metadata: bytes after the data
 * @param infoTypeSpecific 1D/metadata: InfoTypeSpecific (chunk LayoutId)
 * @param infoReserved     InfoReserved
 * @param h264             H.264 fields, only for H.264 parts
 * @param content          the data, or null
 */
public record PartSpec(int headerType, int flags, int format, int flowId, long dataSize,
        long sizeX, long sizeY, int paddingX, int paddingY,
        long size, int padding, long infoTypeSpecific, long infoReserved,
        H264Parameters h264, byte[] content) {

    public PartSpec {
        PartCategory category = HeaderTypes.partCategory(headerType);
        if (category == PartCategory.UNKNOWN || category == PartCategory.CUSTOM_CATEGORY) {
            throw new IllegalArgumentException(String.format("cannot write part type 0x%04X", headerType));
        }
        Checks.range("flags", flags, 0xFFFF);
        if (headerType != HeaderTypes.PART_METADATA_GENICAM_XML && (headerType & 0xF0) != 0xF0 && flags != 0) {
            throw new IllegalArgumentException("only GenICam XML parts have flags");
        }
        if (headerType == HeaderTypes.PART_METADATA_GENICAM_XML
                && (flags & ~(PartHeader.FLAG_XML_ZIP | PartHeader.FLAG_XML_CHUNK)) != 0) {
            throw new IllegalArgumentException("GenICam XML flags: only Zip (bit 8) and Chunk (bit 9)");
        }
        Checks.range("flowId", flowId, 0xFFFF);
        Checks.nonNegative("dataSize", dataSize);
        Checks.range("sizeX", sizeX, 0xFFFF_FFFFL);
        Checks.range("sizeY", sizeY, 0xFFFF_FFFFL);
        Checks.range("paddingX", paddingX, 0xFFFF);
        Checks.range("paddingY", paddingY, 0xFFFF);
        Checks.nonNegative("size", size);
        Checks.range("padding", padding, 0xFFFF);
        Checks.range("infoReserved", infoReserved, 0xFFFF_FFFFL);
        boolean is2D = category == PartCategory.IMAGE_2D || category == PartCategory.IMAGE_2D_H264;
        if (!is2D && (sizeX | sizeY | paddingX | paddingY) != 0) {
            throw new IllegalArgumentException("2D fields set on a " + HeaderTypes.name(headerType) + " part");
        }
        if (is2D && (size | padding | infoTypeSpecific) != 0) {
            throw new IllegalArgumentException("1D fields set on a " + HeaderTypes.name(headerType) + " part");
        }
        if ((category == PartCategory.IMAGE_2D_H264) != (h264 != null)) {
            throw new IllegalArgumentException("H.264 parameters go with (and only with) an H.264 part");
        }
        if (content != null && content.length != dataSize) {
            throw new IllegalArgumentException("content has " + content.length + " bytes, dataSize is " + dataSize);
        }
    }

    /** An uncompressed 2D image; DataSize follows from the format ({@link PixelFormat#imageSize}). */
    public static PartSpec image(PixelFormat format, long sizeX, long sizeY) {
        return image(format, sizeX, sizeY, 0, 0);
    }

    /** An uncompressed 2D image with line (X) and image (Y) padding. */
    public static PartSpec image(PixelFormat format, long sizeX, long sizeY, int paddingX, int paddingY) {
        return new PartSpec(HeaderTypes.PART_2D, 0, format.code(), 0,
                format.imageSize(sizeX, sizeY, paddingX, paddingY), sizeX, sizeY, paddingX, paddingY,
                0, 0, 0, 0, null, null);
    }

    /** A 1D array of {@code elements} values (e.g. Coord3D_ABC32f points) followed by {@code padding} bytes. */
    public static PartSpec array1D(PixelFormat format, long elements, int padding) {
        return new PartSpec(HeaderTypes.PART_1D, 0, format.code(), 0,
                Math.addExact(format.streamSize(elements), padding), 0, 0, 0, 0,
                elements, padding, 0, 0, null, null);
    }

    /** GenICam chunk metadata (chunk data with its trailing LE id + length tags), format Data8. */
    public static PartSpec chunkMetadata(byte[] chunkData, long layoutId) {
        return new PartSpec(HeaderTypes.PART_METADATA_CHUNK, 0, PixelFormat.DATA8.code(), 0,
                chunkData.length, 0, 0, 0, 0, chunkData.length, 0, layoutId, 0, null, chunkData.clone());
    }

    /** GenICam XML metadata; {@code zipped}/{@code chunk} set the part's Zip and Chunk flags. */
    public static PartSpec genicamXml(byte[] xml, boolean zipped, boolean chunk) {
        int flags = (zipped ? PartHeader.FLAG_XML_ZIP : 0) | (chunk ? PartHeader.FLAG_XML_CHUNK : 0);
        return new PartSpec(HeaderTypes.PART_METADATA_GENICAM_XML, flags, PixelFormat.DATA8.code(), 0,
                xml.length, 0, 0, 0, 0, xml.length, 0, 0, 0, null, xml.clone());
    }

    /** A JPEG image of {@code sizeX × sizeY} pixels whose decoded format is {@code format}. */
    public static PartSpec jpeg(PixelFormat format, long sizeX, long sizeY, byte[] jpegBytes) {
        return compressed(HeaderTypes.PART_2D_JPEG, format, sizeX, sizeY, jpegBytes, null);
    }

    /** A JPEG 2000 image. */
    public static PartSpec jpeg2000(PixelFormat format, long sizeX, long sizeY, byte[] codestream) {
        return compressed(HeaderTypes.PART_2D_JPEG2000, format, sizeX, sizeY, codestream, null);
    }

    /** An H.264 access unit (or several) with the stream's parameters. */
    public static PartSpec h264(PixelFormat format, long sizeX, long sizeY, H264Parameters parameters,
            byte[] nalUnits) {
        return compressed(HeaderTypes.PART_2D_H264, format, sizeX, sizeY, nalUnits,
                Objects.requireNonNull(parameters, "parameters"));
    }

    private static PartSpec compressed(int type, PixelFormat format, long sizeX, long sizeY, byte[] bytes,
            H264Parameters h264) {
        return new PartSpec(type, 0, format.code(), 0, bytes.length, sizeX, sizeY, 0, 0, 0, 0, 0, 0, h264,
                bytes.clone());
    }

    /** The category of this part's header type. */
    public PartCategory category() {
        return HeaderTypes.partCategory(headerType);
    }

    /** HeaderSize this part's header takes when written. */
    public int headerSize() {
        return switch (category()) {
            case IMAGE_2D -> PartHeader.SIZE_2D;
            case IMAGE_2D_H264 -> PartHeader.SIZE_H264;
            default -> PartHeader.SIZE_1D;
        };
    }

    public PartSpec withFlow(int newFlowId) {
        return new PartSpec(headerType, flags, format, newFlowId, dataSize, sizeX, sizeY, paddingX, paddingY,
                size, padding, infoTypeSpecific, infoReserved, h264, content);
    }

    /** Same part with the data given (its length must equal DataSize). */
    public PartSpec withContent(byte[] bytes) {
        return new PartSpec(headerType, flags, format, flowId, dataSize, sizeX, sizeY, paddingX, paddingY,
                size, padding, infoTypeSpecific, infoReserved, h264, bytes == null ? null : bytes.clone());
    }

    /** Same part with another format code (e.g. a custom PFNC code). */
    public PartSpec withFormat(int newFormat) {
        return new PartSpec(headerType, flags, newFormat, flowId, dataSize, sizeX, sizeY, paddingX, paddingY,
                size, padding, infoTypeSpecific, infoReserved, h264, content);
    }

    public PartSpec withInfoReserved(long value) {
        return new PartSpec(headerType, flags, format, flowId, dataSize, sizeX, sizeY, paddingX, paddingY,
                size, padding, infoTypeSpecific, value, h264, content);
    }

    /** Same 1D/metadata part with another InfoTypeSpecific (for chunk metadata: the LayoutId). */
    public PartSpec withInfoTypeSpecific(long value) {
        return new PartSpec(headerType, flags, format, flowId, dataSize, sizeX, sizeY, paddingX, paddingY,
                size, padding, value, infoReserved, h264, content);
    }

    @Override
    public byte[] content() {
        return content == null ? null : content.clone();
    }

    /** The content without a defensive copy, for writing. */
    byte[] contentUnsafe() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartSpec p && headerType == p.headerType && flags == p.flags && format == p.format
                && flowId == p.flowId && dataSize == p.dataSize && sizeX == p.sizeX && sizeY == p.sizeY
                && paddingX == p.paddingX && paddingY == p.paddingY && size == p.size && padding == p.padding
                && infoTypeSpecific == p.infoTypeSpecific && infoReserved == p.infoReserved
                && Objects.equals(h264, p.h264) && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headerType, flags, format, flowId, dataSize, sizeX, sizeY, h264) * 31
                + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "PartSpec[" + HeaderTypes.name(headerType) + " " + PixelFormat.nameOf(format) + " flags=" + flags
                + " flow=" + flowId + " dataSize=" + dataSize + " 2D=" + sizeX + "x" + sizeY + "+" + paddingX
                + "/" + paddingY + " 1D=" + size + "+" + padding + " info=" + infoTypeSpecific + "/" + infoReserved
                + " h264=" + h264 + " content=" + (content == null ? "none" : content.length + " bytes") + "]";
    }
}
