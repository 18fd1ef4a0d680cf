package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.HeaderTypes.PartCategory;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.PartHeader;
import java.lang.foreign.MemorySegment;

/**
 * Flyweight over one part header of a validated container, with the type-specific fields of its
 * category. A type-specific accessor called on a part of another category throws
 * {@link IllegalStateException} (a programming error, not a format error).
 */
public final class PartView {
    private ContainerView container;
    private MemorySegment segment;
    private long base;
    private int componentIndex;
    private int index;
    private int headerType;
    private PartCategory category;

    PartView position(ContainerView owner, int component, int partIndex, long offset) {
        this.container = owner;
        this.segment = owner.segment();
        this.base = offset;
        this.componentIndex = component;
        this.index = partIndex;
        this.headerType = Le.u16(segment, offset + PartHeader.HEADER_TYPE);
        this.category = HeaderTypes.partCategory(headerType);
        return this;
    }

    /** Index of the component this part belongs to. */
    public int componentIndex() {
        return componentIndex;
    }

    /** Index of this part within its component. */
    public int index() {
        return index;
    }

    /** Offset of this header from the descriptor start. */
    public long offset() {
        return base;
    }

    /** Part type, see {@link HeaderTypes}. */
    public int headerType() {
        return headerType;
    }

    public PartCategory category() {
        return category;
    }

    public int flags() {
        return Le.u16(segment, base + PartHeader.FLAGS);
    }

    public long headerSize() {
        return Le.u32(segment, base + PartHeader.HEADER_SIZE);
    }

    /** PFNC code of this part (a plane of a planar format is e.g. R8). */
    public int format() {
        return Le.i32(segment, base + PartHeader.FORMAT);
    }

    public int flowId() {
        return Le.u16(segment, base + PartHeader.FLOW_ID);
    }

    /** Offset of the part's data within its flow. */
    public long flowOffset() {
        return Le.u64(segment, base + PartHeader.FLOW_OFFSET);
    }

    public long dataSize() {
        return Le.u64(segment, base + PartHeader.DATA_SIZE);
    }

    /** Offset of the part's data from the descriptor start (linear layout). */
    public long dataOffset() {
        return Le.u64(segment, base + PartHeader.DATA_OFFSET);
    }

    /** Number of 8-byte type-specific words after the common 40 bytes. */
    public int typeSpecificWordCount() {
        return (int) ((headerSize() - PartHeader.COMMON_SIZE) / 8);
    }

    /** Raw type-specific word {@code k} (little-endian u64 at 40 + 8k). */
    public long typeSpecificWord(int k) {
        if (k < 0 || k >= typeSpecificWordCount()) {
            throw new IndexOutOfBoundsException("type-specific word " + k + " of " + typeSpecificWordCount());
        }
        return Le.u64(segment, base + PartHeader.COMMON_SIZE + 8L * k);
    }

    // ---- 2D (uncompressed, JPEG, JPEG 2000, H.264, custom 2D)

    public boolean is2D() {
        return category == PartCategory.IMAGE_2D || category == PartCategory.IMAGE_2D_H264;
    }

    public long sizeX() {
        require2D();
        return Le.u32(segment, base + PartHeader.SIZE_X);
    }

    public long sizeY() {
        require2D();
        return Le.u32(segment, base + PartHeader.SIZE_Y);
    }

    /** Bytes of padding after each line. */
    public int paddingX() {
        require2D();
        return Le.u16(segment, base + PartHeader.PADDING_X);
    }

    /** Bytes of padding after the image. */
    public int paddingY() {
        require2D();
        return Le.u16(segment, base + PartHeader.PADDING_Y);
    }

    /** InfoReserved (2D, 1D and metadata parts). */
    public long infoReserved() {
        if (category == PartCategory.CUSTOM_CATEGORY) {
            throw wrongCategory("InfoReserved");
        }
        return Le.u32(segment, base + PartHeader.INFO_RESERVED);
    }

    // ---- 1D and metadata

    public boolean is1DOrMetadata() {
        return category == PartCategory.ARRAY_1D || category == PartCategory.METADATA;
    }

    /** Number of elements (1D) or bytes (metadata). */
    public long size() {
        require1D();
        return Le.u64(segment, base + PartHeader.SIZE);
    }

    /** Bytes of padding after the data (1D, metadata). */
    public int padding() {
        require1D();
        return Le.u16(segment, base + PartHeader.PADDING);
    }

    /** InfoTypeSpecific (1D, metadata); for chunk metadata the GenICam chunk LayoutId. */
    public long infoTypeSpecific() {
        require1D();
        return Le.u64(segment, base + PartHeader.INFO_TYPE_SPECIFIC);
    }

    /** GenICam XML part: the XML is zipped. */
    public boolean isXmlZipped() {
        return headerType == HeaderTypes.PART_METADATA_GENICAM_XML && (flags() & PartHeader.FLAG_XML_ZIP) != 0;
    }

    /** GenICam XML part: the XML describes chunk data. */
    public boolean isXmlChunk() {
        return headerType == HeaderTypes.PART_METADATA_GENICAM_XML && (flags() & PartHeader.FLAG_XML_CHUNK) != 0;
    }

    // ---- H.264

    public boolean isH264() {
        return category == PartCategory.IMAGE_2D_H264;
    }

    public int h264ProfileIdc() {
        return Le.u8(segment, base + requireH264(PartHeader.H264_PROFILE_IDC));
    }

    /** The raw H.264 flags byte (constraint-set flags bits 0-3, packetization mode bits 4-5). */
    public int h264Flags() {
        return Le.u8(segment, base + requireH264(PartHeader.H264_FLAGS));
    }

    public int h264ConstraintSetFlags() {
        return h264Flags() & 0x0F;
    }

    /** RFC 6184 packetization mode (0 single NAL, 1 non-interleaved, 2 interleaved). */
    public int h264PacketizationMode() {
        return (h264Flags() >>> 4) & 0x03;
    }

    public int h264LevelIdc() {
        return Le.u8(segment, base + requireH264(PartHeader.H264_LEVEL_IDC));
    }

    public int h264SpropInterleavingDepth() {
        return Le.u16(segment, base + requireH264(PartHeader.H264_SPROP_INTERLEAVING_DEPTH));
    }

    public int h264SpropMaxDonDiff() {
        return Le.u16(segment, base + requireH264(PartHeader.H264_SPROP_MAX_DON_DIFF));
    }

    public long h264SpropDeintBufReq() {
        return Le.u32(segment, base + requireH264(PartHeader.H264_SPROP_DEINT_BUF_REQ));
    }

    public long h264SpropInitBufTime() {
        return Le.u32(segment, base + requireH264(PartHeader.H264_SPROP_INIT_BUF_TIME));
    }

    // ---- data

    /**
     * The part's data as a slice of the linearly laid out container this view wraps
     * ({@code DataOffset}, {@code DataSize}); already bounds-checked by the wrap.
     *
     * @throws IllegalStateException when only a descriptor was wrapped
     */
    public MemorySegment data() {
        if (!container.isLinear()) {
            throw new IllegalStateException("only a descriptor was wrapped: use data(MemorySegment[] flows)");
        }
        return segment.asSlice(dataOffset(), dataSize());
    }

    /** The part's data as a slice of {@code container}, a linear container this descriptor describes. */
    public MemorySegment data(MemorySegment linearContainer) throws GenDcFormatException {
        long offset = dataOffset();
        long size = dataSize();
        if (offset > linearContainer.byteSize() - size) {
            throw new GenDcFormatException(base + PartHeader.DATA_OFFSET, field("DataOffset"),
                    "part data within the container's " + linearContainer.byteSize() + " bytes",
                    Hex.range(offset, offset + size));
        }
        return linearContainer.asSlice(offset, size);
    }

    /**
     * The part's data in flow-based delivery: {@code flows[FlowId]} sliced at {@code FlowOffset}.
     * {@code flows[0]} starts with the descriptor.
     */
    public MemorySegment data(MemorySegment[] flows) throws GenDcFormatException {
        int flowId = flowId();
        if (flowId >= flows.length || flows[flowId] == null) {
            throw new GenDcFormatException(base + PartHeader.FLOW_ID, field("FlowId"),
                    "one of the " + flows.length + " flows given", Integer.toString(flowId));
        }
        MemorySegment flow = flows[flowId];
        long offset = flowOffset();
        long size = dataSize();
        if (offset > flow.byteSize() - size) {
            throw new GenDcFormatException(base + PartHeader.FLOW_OFFSET, field("FlowOffset"),
                    "part data within flow " + flowId + "'s " + flow.byteSize() + " bytes",
                    Hex.range(offset, offset + size));
        }
        return flow.asSlice(offset, size);
    }

    private String field(String name) {
        return "Component[" + componentIndex + "].Part[" + index + "]." + name;
    }

    private void require2D() {
        if (!is2D()) {
            throw wrongCategory("2D fields");
        }
    }

    private void require1D() {
        if (!is1DOrMetadata()) {
            throw wrongCategory("1D/metadata fields");
        }
    }

    private int requireH264(int fieldOffset) {
        if (!isH264()) {
            throw wrongCategory("H.264 fields");
        }
        return fieldOffset;
    }

    private IllegalStateException wrongCategory(String what) {
        return new IllegalStateException(what + " asked of a " + HeaderTypes.name(headerType) + " part");
    }
}
