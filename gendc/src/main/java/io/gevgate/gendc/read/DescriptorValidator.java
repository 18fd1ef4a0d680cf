package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.HeaderTypes.PartCategory;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.ComponentHeader;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.layout.PartHeader;
import io.gevgate.gendc.pfnc.PixelFormat;
import java.lang.foreign.MemorySegment;

/**
 * Checks a whole GenDC descriptor before any view reads it, so that the views can read without
 * re-checking. Every offset and size is compared without adding first (no 64-bit wrap): a u64
 * with the top bit set is out of range for any buffer a JVM can address. Reusable and
 * allocation-free on valid input (its scratch grows once to the largest descriptor seen).
 */
final class DescriptorValidator {
    private final IntervalSet headers = new IntervalSet("header");
    private final IntervalSet data = new IntervalSet("data");
    private final IntervalSet flowData = new IntervalSet("flow data");

    /**
     * @param segment    the descriptor, or the whole linear container when {@code linear}
     * @param linear     part data must lie inside {@code segment} at DataOffset
     * @param flowTable  when non-null, FlowId and FlowOffset are checked against its flows, and parts
     *                   must not overlap each other or the descriptor at the start of flow 0. Without
     *                   one, flows are unknown: linear files from other writers may carry meaningless
     *                   FlowId/FlowOffset values, so only FlowOffset + DataSize below 2^63 is required
     */
    void validate(MemorySegment segment, boolean linear, FlowTableView flowTable) throws GenDcFormatException {
        // Fast pass: overlap checks stream (ranges in order within their group, nothing stored). A
        // descriptor whose headers or data are out of order gets a second, storing pass.
        if (!validate(segment, linear, flowTable, false)) {
            validate(segment, linear, flowTable, true);
        }
    }

    /** One pass; false when a streaming pass found ranges out of order (nothing decided). */
    private boolean validate(MemorySegment segment, boolean linear, FlowTableView flowTable, boolean storing)
            throws GenDcFormatException {
        final long available = segment.byteSize();
        if (available < ContainerHeader.FIXED_SIZE) {
            throw new GenDcFormatException(0, "ContainerHeader", "at least " + ContainerHeader.FIXED_SIZE
                    + " bytes", available + " bytes");
        }
        int signature = Le.i32(segment, ContainerHeader.SIGNATURE);
        if (signature != ContainerHeader.SIGNATURE_VALUE) {
            throw new GenDcFormatException(ContainerHeader.SIGNATURE, "Signature",
                    "\"GNDC\" (0x43444E47)", String.format("0x%08X", signature));
        }
        int major = Le.u8(segment, ContainerHeader.VERSION_MAJOR);
        int minor = Le.u8(segment, ContainerHeader.VERSION_MINOR);
        if (major != 1 || minor > 1) {
            throw new GenDcFormatException(ContainerHeader.VERSION_MAJOR, "Version", "1.0.x or 1.1.x",
                    major + "." + minor + "." + Le.u8(segment, ContainerHeader.VERSION_SUB_MINOR));
        }
        int headerType = Le.u16(segment, ContainerHeader.HEADER_TYPE);
        if (headerType != HeaderTypes.CONTAINER) {
            throw new GenDcFormatException(ContainerHeader.HEADER_TYPE, "HeaderType",
                    "0x1000 (container)", Hex.u16(headerType));
        }
        int flags = Le.u16(segment, ContainerHeader.FLAGS);
        if ((flags & ~ContainerHeader.FLAGS_DEFINED) != 0) {
            throw new GenDcFormatException(ContainerHeader.FLAGS, "Flags",
                    "only bits 0 (TimestampPTP) and 1 (ComponentInvalid)", Hex.u16(flags));
        }
        int variableFields = Le.u16(segment, ContainerHeader.VARIABLE_FIELDS);
        if ((variableFields & ~ContainerHeader.VARIABLE_FIELDS_DEFINED) != 0) {
            throw new GenDcFormatException(ContainerHeader.VARIABLE_FIELDS, "VariableFields",
                    "reserved bits 8-15 clear", Hex.u16(variableFields));
        }
        final boolean preliminary = variableFields != 0;
        final long descriptorSize = Le.u32(segment, ContainerHeader.DESCRIPTOR_SIZE);
        if (descriptorSize > available) {
            throw new GenDcFormatException(ContainerHeader.DESCRIPTOR_SIZE, "DescriptorSize",
                    "at most the " + available + " bytes available", Long.toString(descriptorSize));
        }
        final long componentCount = Le.u32(segment, ContainerHeader.COMPONENT_COUNT);
        long headerSize = Le.u32(segment, ContainerHeader.HEADER_SIZE);
        long expectedHeaderSize = ContainerHeader.size(componentCount);
        if (headerSize != expectedHeaderSize) {
            throw new GenDcFormatException(ContainerHeader.HEADER_SIZE, "HeaderSize",
                    expectedHeaderSize + " (56 + 8 x ComponentCount " + componentCount + ")", Long.toString(headerSize));
        }
        if (headerSize > descriptorSize) {
            throw new GenDcFormatException(ContainerHeader.DESCRIPTOR_SIZE, "DescriptorSize",
                    "at least the container HeaderSize " + headerSize + " (" + componentCount + " components)",
                    Long.toString(descriptorSize));
        }
        final long dataOffset = Le.u64(segment, ContainerHeader.DATA_OFFSET);
        final long dataSize = Le.u64(segment, ContainerHeader.DATA_SIZE);
        if (dataOffset < descriptorSize) { // also catches u64 >= 2^63 (negative as long)
            throw new GenDcFormatException(ContainerHeader.DATA_OFFSET, "DataOffset",
                    "at least DescriptorSize " + descriptorSize + " and below 2^63", Hex.u64(dataOffset));
        }
        if (dataSize < 0 || dataSize > Long.MAX_VALUE - dataOffset) {
            throw new GenDcFormatException(ContainerHeader.DATA_SIZE, "DataSize",
                    "DataOffset + DataSize below 2^63", Hex.u64(dataSize));
        }
        final long dataEnd = dataOffset + dataSize;
        if (linear && dataEnd > available) {
            throw new GenDcFormatException(ContainerHeader.DATA_SIZE, "DataSize",
                    "data section [DataOffset, DataOffset + DataSize) within the " + available + " bytes available",
                    Hex.range(dataOffset, dataEnd));
        }

        headers.clear(storing);
        data.clear(storing);
        flowData.clear(storing);
        headers.add(0, 0, headerSize, 0, IntervalSet.OWNER_CONTAINER);
        if (flowTable != null) {
            flowData.add(0, 0, descriptorSize, ContainerHeader.DESCRIPTOR_SIZE, IntervalSet.OWNER_DESCRIPTOR);
        }
        if (flowTable != null && flowTable.flowSize(0) < descriptorSize) {
            throw new GenDcFormatException(ContainerHeader.DESCRIPTOR_SIZE, "DescriptorSize",
                    "at most FlowSize[0] " + flowTable.flowSize(0) + " (the descriptor travels in flow 0)",
                    Long.toString(descriptorSize));
        }

        for (int c = 0; c < componentCount; c++) {
            long offsetField = ContainerHeader.COMPONENT_OFFSETS + 8L * c;
            long componentOffset = Le.u64(segment, offsetField);
            if (componentOffset < 0 || componentOffset > descriptorSize - ComponentHeader.FIXED_SIZE) {
                throw new GenDcFormatException(offsetField, "ComponentOffset[" + c + "]",
                        "a 48-byte component header within DescriptorSize " + descriptorSize, Hex.u64(componentOffset));
            }
            validateComponent(segment, c, componentOffset, flags, descriptorSize, dataOffset, dataEnd,
                    preliminary, flowTable);
        }
        if (!storing && (headers.outOfOrder() || data.outOfOrder() || flowData.outOfOrder())) {
            return false;
        }
        headers.requireDisjoint();
        data.requireDisjoint();
        flowData.requireDisjoint();
        return true;
    }

    private void validateComponent(MemorySegment segment, int c, long base, int containerFlags,
            long descriptorSize, long dataOffset, long dataEnd, boolean preliminary, FlowTableView flowTable)
            throws GenDcFormatException {
        int headerType = Le.u16(segment, base + ComponentHeader.HEADER_TYPE);
        if (headerType != HeaderTypes.COMPONENT) {
            throw new GenDcFormatException(base + ComponentHeader.HEADER_TYPE, "Component[" + c + "].HeaderType",
                    "0x2000 (component)", Hex.u16(headerType));
        }
        int flags = Le.u16(segment, base + ComponentHeader.FLAGS);
        if ((flags & ~ComponentHeader.FLAGS_DEFINED) != 0) {
            throw new GenDcFormatException(base + ComponentHeader.FLAGS, "Component[" + c + "].Flags",
                    "only bit 0 (Invalid)", Hex.u16(flags));
        }
        if ((flags & ComponentHeader.FLAG_INVALID) != 0
                && (containerFlags & ContainerHeader.FLAG_COMPONENT_INVALID) == 0) {
            throw new GenDcFormatException(base + ComponentHeader.FLAGS, "Component[" + c + "].Flags",
                    "Invalid only when the container's ComponentInvalid flag is set", Hex.u16(flags));
        }
        int partCount = Le.u16(segment, base + ComponentHeader.PART_COUNT);
        long headerSize = Le.u32(segment, base + ComponentHeader.HEADER_SIZE);
        long expected = ComponentHeader.size(partCount);
        if (headerSize != expected) {
            throw new GenDcFormatException(base + ComponentHeader.HEADER_SIZE, "Component[" + c + "].HeaderSize",
                    expected + " (48 + 8 x PartCount " + partCount + ")", Long.toString(headerSize));
        }
        if (headerSize > descriptorSize - base) {
            throw new GenDcFormatException(base + ComponentHeader.PART_COUNT, "Component[" + c + "].PartCount",
                    "a component header ending within DescriptorSize " + descriptorSize,
                    partCount + " (header ends at " + (base + headerSize) + ")");
        }
        long timestamp = Le.u64(segment, base + ComponentHeader.TIMESTAMP);
        if (timestamp < 0) {
            throw new GenDcFormatException(base + ComponentHeader.TIMESTAMP, "Component[" + c + "].Timestamp",
                    "a non-negative signed 64-bit value", Hex.u64(timestamp));
        }
        headers.add(0, base, base + headerSize, base, IntervalSet.componentOwner(c));
        for (int p = 0; p < partCount; p++) {
            long offsetField = base + ComponentHeader.PART_OFFSETS + 8L * p;
            long partOffset = Le.u64(segment, offsetField);
            if (partOffset < 0 || partOffset > descriptorSize - PartHeader.COMMON_SIZE) {
                throw new GenDcFormatException(offsetField, "Component[" + c + "].PartOffset[" + p + "]",
                        "a part header of at least 40 bytes within DescriptorSize " + descriptorSize,
                        Hex.u64(partOffset));
            }
            validatePart(segment, c, p, partOffset, descriptorSize, dataOffset, dataEnd, preliminary, flowTable);
        }
    }

    private void validatePart(MemorySegment segment, int c, int p, long base, long descriptorSize,
            long containerDataOffset, long containerDataEnd, boolean preliminary, FlowTableView flowTable)
            throws GenDcFormatException {
        int headerType = Le.u16(segment, base + PartHeader.HEADER_TYPE);
        PartCategory category = HeaderTypes.partCategory(headerType);
        if (category == PartCategory.UNKNOWN) {
            throw new GenDcFormatException(base + PartHeader.HEADER_TYPE, field(c, p, "HeaderType"),
                    "a GenDC 1.1 part type (0x4000, 0x4001, 0x4100, 0x4200-0x4203, 0x40Fx, 0x41Fx, 0x42Fx, 0x4Fxx)",
                    Hex.u16(headerType));
        }
        long headerSize = Le.u32(segment, base + PartHeader.HEADER_SIZE);
        int minimum = category.minimumHeaderSize();
        if (headerSize < minimum || (headerSize - PartHeader.COMMON_SIZE) % 8 != 0) {
            throw new GenDcFormatException(base + PartHeader.HEADER_SIZE, field(c, p, "HeaderSize"),
                    "at least " + minimum + " for " + HeaderTypes.name(headerType) + ", 40 + a multiple of 8",
                    Long.toString(headerSize));
        }
        if (headerSize > descriptorSize - base) {
            throw new GenDcFormatException(base + PartHeader.HEADER_SIZE, field(c, p, "HeaderSize"),
                    "a part header ending within DescriptorSize " + descriptorSize,
                    headerSize + " (header ends at " + (base + headerSize) + ")");
        }
        int flags = Le.u16(segment, base + PartHeader.FLAGS);
        int allowedFlags = headerType == HeaderTypes.PART_METADATA_GENICAM_XML
                ? PartHeader.FLAG_XML_ZIP | PartHeader.FLAG_XML_CHUNK
                : category == PartCategory.CUSTOM_CATEGORY || (headerType & 0x00F0) == 0x00F0 ? 0xFFFF : 0;
        if ((flags & ~allowedFlags) != 0) {
            throw new GenDcFormatException(base + PartHeader.FLAGS, field(c, p, "Flags"),
                    allowedFlags == 0 ? "0 for " + HeaderTypes.name(headerType) : "only bits 8 (Zip) and 9 (Chunk)",
                    Hex.u16(flags));
        }
        headers.add(0, base, base + headerSize, base, IntervalSet.partOwner(c, p));

        long dataSize = Le.u64(segment, base + PartHeader.DATA_SIZE);
        long dataOffset = Le.u64(segment, base + PartHeader.DATA_OFFSET);
        if (dataSize < 0 || dataSize > containerDataEnd - containerDataOffset) {
            throw new GenDcFormatException(base + PartHeader.DATA_SIZE, field(c, p, "DataSize"),
                    "at most the container DataSize " + (containerDataEnd - containerDataOffset), Hex.u64(dataSize));
        }
        if (dataOffset < containerDataOffset || dataOffset > containerDataEnd - dataSize) {
            throw new GenDcFormatException(base + PartHeader.DATA_OFFSET, field(c, p, "DataOffset"),
                    "part data inside the data section " + Hex.range(containerDataOffset, containerDataEnd),
                    Hex.u64(dataOffset) + " + DataSize " + dataSize);
        }
        data.add(0, dataOffset, dataOffset + dataSize, base + PartHeader.DATA_OFFSET, IntervalSet.partOwner(c, p));

        int flowId = Le.u16(segment, base + PartHeader.FLOW_ID);
        long flowOffset = Le.u64(segment, base + PartHeader.FLOW_OFFSET);
        if (flowOffset < 0 || flowOffset > Long.MAX_VALUE - dataSize) {
            throw new GenDcFormatException(base + PartHeader.FLOW_OFFSET, field(c, p, "FlowOffset"),
                    "FlowOffset + DataSize below 2^63", Hex.u64(flowOffset));
        }
        if (flowTable != null) {
            if (flowId >= flowTable.flowCount()) {
                throw new GenDcFormatException(base + PartHeader.FLOW_ID, field(c, p, "FlowId"),
                        "below the flow table's FlowCount " + flowTable.flowCount(), Integer.toString(flowId));
            }
            long flowSize = flowTable.flowSize(flowId);
            if (flowOffset > flowSize - dataSize) { // flowSize >= 0 (flow table validated); may go negative: fine
                throw new GenDcFormatException(base + PartHeader.FLOW_OFFSET, field(c, p, "FlowOffset"),
                        "part data within FlowSize[" + flowId + "] " + flowSize,
                        Hex.range(flowOffset, flowOffset + dataSize));
            }
            flowData.add(flowId, flowOffset, flowOffset + dataSize, base + PartHeader.FLOW_OFFSET,
                    IntervalSet.partOwner(c, p));
        }

        if (headerType == HeaderTypes.PART_2D_H264) {
            int h264Flags = Le.u8(segment, base + PartHeader.H264_FLAGS);
            if ((h264Flags & ~PartHeader.H264_FLAGS_DEFINED) != 0 || (h264Flags >>> 4) == 3) {
                throw new GenDcFormatException(base + PartHeader.H264_FLAGS, field(c, p, "H264Flags"),
                        "constraint-set bits 0-3 and packetization mode 0-2 in bits 4-5",
                        String.format("0x%02X", h264Flags));
            }
        }
        if (!preliminary) {
            checkExactDataSize(segment, c, p, base, headerType, dataSize);
        }
    }

    /**
     * A final descriptor's uncompressed 2D part (and 1D part) of a known pixel format must carry
     * exactly the bytes its size, format and padding imply. Unknown (custom) formats and compressed
     * parts are not checked: their size does not follow from the header.
     */
    private static void checkExactDataSize(MemorySegment segment, int c, int p, long base, int headerType,
            long dataSize) throws GenDcFormatException {
        if (headerType != HeaderTypes.PART_2D && headerType != HeaderTypes.PART_1D) {
            return;
        }
        int code = Le.i32(segment, base + PartHeader.FORMAT);
        PixelFormat format = PixelFormat.fromCode(code);
        if (format == null) {
            return;
        }
        long expected;
        if (headerType == HeaderTypes.PART_2D) {
            long sizeX = Le.u32(segment, base + PartHeader.SIZE_X);
            long sizeY = Le.u32(segment, base + PartHeader.SIZE_Y);
            int paddingX = Le.u16(segment, base + PartHeader.PADDING_X);
            int paddingY = Le.u16(segment, base + PartHeader.PADDING_Y);
            if ((sizeX & (format.widthMultiple() - 1)) != 0) { // 1, 2 or 4
                throw new GenDcFormatException(base + PartHeader.SIZE_X, field(c, p, "SizeX"),
                        "a multiple of " + format.widthMultiple() + " for " + format.pfncName(), Long.toString(sizeX));
            }
            try {
                expected = format.imageSize(sizeX, sizeY, paddingX, paddingY);
            } catch (IllegalArgumentException e) {
                throw new GenDcFormatException(base + PartHeader.SIZE_Y, field(c, p, "SizeY"),
                        "an image size that fits 63 bits", sizeX + "x" + sizeY + " " + format.pfncName());
            }
            if (dataSize != expected) {
                throw new GenDcFormatException(base + PartHeader.DATA_SIZE, field(c, p, "DataSize"),
                        expected + " (" + format.pfncName() + " " + sizeX + "x" + sizeY + " padding " + paddingX
                                + "/" + paddingY + ")", Long.toString(dataSize));
            }
        } else {
            long size = Le.u64(segment, base + PartHeader.SIZE);
            int padding = Le.u16(segment, base + PartHeader.PADDING);
            if (size < 0 || size > (Long.MAX_VALUE - padding) / 96) {
                throw new GenDcFormatException(base + PartHeader.SIZE, field(c, p, "Size"),
                        "an element count whose byte size fits 63 bits", Hex.u64(size));
            }
            expected = format.streamSize(size) + padding;
            if (dataSize != expected) {
                throw new GenDcFormatException(base + PartHeader.DATA_SIZE, field(c, p, "DataSize"),
                        expected + " (" + format.pfncName() + " x " + size + " padding " + padding + ")",
                        Long.toString(dataSize));
            }
        }
    }

    private static String field(int c, int p, String name) {
        return "Component[" + c + "].Part[" + p + "]." + name;
    }
}
