package io.gevgate.gendc.write;

import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.ComponentHeader;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.layout.FlowTable;
import io.gevgate.gendc.layout.PartHeader;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A GenDC container described once, with its whole layout computed up front, and written as many
 * times as needed into caller-provided memory: linearly (descriptor, then data: a {@code .gendc}
 * file) or as flows (descriptor at the start of flow 0, each part at its FlowOffset in its flow),
 * plus the flow mapping table.
 *
 * <p>Layout: the container header, then each component header followed by its part headers; the
 * data section starts at DataOffset = DescriptorSize rounded up to {@link #dataAlignment()}; parts
 * follow in component/part order, each aligned. In flow {@code f}, the parts carried by that flow
 * follow in the same order, each aligned; flow 0 starts after the descriptor. Gaps are zeroed.
 *
 * <p>A streaming sender keeps one spec per stream configuration and calls
 * {@link #writeDescriptor(MemorySegment, long, long)} per frame with the container id and timestamp.
 * Immutable and thread-safe.
 */
public final class ContainerSpec {
    private final long id;
    private final int versionMinor;
    private final boolean timestampPtp;
    private final int variableFields;
    private final int dataAlignment;
    private final List<ComponentSpec> components;

    private final long descriptorSize;
    private final long dataOffset;
    private final long dataSize;
    private final long[] componentOffsets;
    private final long[][] partOffsets;
    private final long[][] partDataOffsets;
    private final long[][] partFlowOffsets;
    private final long[] flowSizes;

    private ContainerSpec(Builder b) {
        this.id = b.id;
        this.versionMinor = b.versionMinor;
        this.timestampPtp = b.timestampPtp;
        this.variableFields = b.variableFields;
        this.dataAlignment = b.dataAlignment;
        this.components = List.copyOf(b.components);

        int n = components.size();
        componentOffsets = new long[n];
        partOffsets = new long[n][];
        partDataOffsets = new long[n][];
        partFlowOffsets = new long[n][];
        int maxFlow = 0;
        long cursor = ContainerHeader.size(n);
        for (int c = 0; c < n; c++) {
            List<PartSpec> parts = components.get(c).parts();
            componentOffsets[c] = cursor;
            cursor += ComponentHeader.size(parts.size());
            partOffsets[c] = new long[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                partOffsets[c][p] = cursor;
                cursor += parts.get(p).headerSize();
                maxFlow = Math.max(maxFlow, parts.get(p).flowId());
            }
        }
        if (cursor > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("descriptor of " + cursor + " bytes exceeds DescriptorSize's 32 bits");
        }
        descriptorSize = cursor;
        dataOffset = align(descriptorSize);
        long[] flowCursor = new long[maxFlow + 1];
        flowCursor[0] = dataOffset;
        long dataCursor = dataOffset;
        for (int c = 0; c < n; c++) {
            List<PartSpec> parts = components.get(c).parts();
            partDataOffsets[c] = new long[parts.size()];
            partFlowOffsets[c] = new long[parts.size()];
            for (int p = 0; p < parts.size(); p++) {
                PartSpec part = parts.get(p);
                dataCursor = align(dataCursor);
                partDataOffsets[c][p] = dataCursor;
                dataCursor = Math.addExact(dataCursor, part.dataSize());
                int f = part.flowId();
                flowCursor[f] = align(flowCursor[f]);
                partFlowOffsets[c][p] = flowCursor[f];
                flowCursor[f] = Math.addExact(flowCursor[f], part.dataSize());
            }
        }
        dataSize = dataCursor - dataOffset;
        flowSizes = flowCursor;
    }

    public static Builder builder() {
        return new Builder();
    }

    private long align(long value) {
        return Math.ceilDiv(value, dataAlignment) * dataAlignment;
    }

    // ---- sizes, known before writing

    public long descriptorSize() {
        return descriptorSize;
    }

    /** DataOffset of the container: where the data section starts. */
    public long dataOffset() {
        return dataOffset;
    }

    /** DataSize of the container: bytes of the data section (alignment gaps included). */
    public long dataSize() {
        return dataSize;
    }

    /** Bytes of the container laid out linearly (descriptor + data). */
    public long linearSize() {
        return dataOffset + dataSize;
    }

    /** Number of flows: highest FlowId used + 1. */
    public int flowCount() {
        return flowSizes.length;
    }

    /** Bytes of flow {@code flowId} (flow 0 includes the descriptor). */
    public long flowSize(int flowId) {
        return flowSizes[flowId];
    }

    /** Bytes of the flow mapping table. */
    public long flowTableSize() {
        return FlowTable.size(flowSizes.length);
    }

    public long componentOffset(int c) {
        return componentOffsets[c];
    }

    public long partOffset(int c, int p) {
        return partOffsets[c][p];
    }

    /** DataOffset of part {@code p} of component {@code c} (from the descriptor start). */
    public long partDataOffset(int c, int p) {
        return partDataOffsets[c][p];
    }

    /** FlowOffset of part {@code p} of component {@code c} within its flow. */
    public long partFlowOffset(int c, int p) {
        return partFlowOffsets[c][p];
    }

    public long id() {
        return id;
    }

    public int versionMinor() {
        return versionMinor;
    }

    public boolean timestampPtp() {
        return timestampPtp;
    }

    public int variableFields() {
        return variableFields;
    }

    public int dataAlignment() {
        return dataAlignment;
    }

    public List<ComponentSpec> components() {
        return components;
    }

    /** Container Flags as written: TimestampPTP, and ComponentInvalid when any component is invalid. */
    public int flags() {
        int flags = timestampPtp ? ContainerHeader.FLAG_TIMESTAMP_PTP : 0;
        for (ComponentSpec c : components) {
            if (c.invalid()) {
                flags |= ContainerHeader.FLAG_COMPONENT_INVALID;
            }
        }
        return flags;
    }

    // ---- writing

    /** Writes the descriptor at the start of {@code dst}; returns {@link #descriptorSize()}. */
    public long writeDescriptor(MemorySegment dst) {
        return writeDescriptor(dst, id, -1);
    }

    /**
     * Writes the descriptor with this frame's container id and, when {@code timestampNs >= 0}, that
     * timestamp in every component (otherwise each component's own). Allocation-free.
     */
    public long writeDescriptor(MemorySegment dst, long containerId, long timestampNs) {
        requireCapacity("descriptor", dst, descriptorSize);
        MemorySegment d = dst.asSlice(0, descriptorSize);
        d.fill((byte) 0);
        Le.put32(d, ContainerHeader.SIGNATURE, ContainerHeader.SIGNATURE_VALUE);
        Le.put8(d, ContainerHeader.VERSION_MAJOR, 1);
        Le.put8(d, ContainerHeader.VERSION_MINOR, versionMinor);
        Le.put8(d, ContainerHeader.VERSION_SUB_MINOR, 0);
        Le.put16(d, ContainerHeader.HEADER_TYPE, HeaderTypes.CONTAINER);
        Le.put16(d, ContainerHeader.FLAGS, flags());
        Le.put32(d, ContainerHeader.HEADER_SIZE, ContainerHeader.size(components.size()));
        Le.put64(d, ContainerHeader.ID, containerId);
        Le.put16(d, ContainerHeader.VARIABLE_FIELDS, variableFields);
        Le.put64(d, ContainerHeader.DATA_SIZE, dataSize);
        Le.put64(d, ContainerHeader.DATA_OFFSET, dataOffset);
        Le.put32(d, ContainerHeader.DESCRIPTOR_SIZE, descriptorSize);
        Le.put32(d, ContainerHeader.COMPONENT_COUNT, components.size());
        for (int c = 0; c < components.size(); c++) {
            Le.put64(d, ContainerHeader.COMPONENT_OFFSETS + 8L * c, componentOffsets[c]);
            writeComponent(d, c, timestampNs);
        }
        return descriptorSize;
    }

    private void writeComponent(MemorySegment d, int c, long timestampNs) {
        ComponentSpec spec = components.get(c);
        long base = componentOffsets[c];
        List<PartSpec> parts = spec.parts();
        Le.put16(d, base + ComponentHeader.HEADER_TYPE, HeaderTypes.COMPONENT);
        Le.put16(d, base + ComponentHeader.FLAGS, spec.invalid() ? ComponentHeader.FLAG_INVALID : 0);
        Le.put32(d, base + ComponentHeader.HEADER_SIZE, ComponentHeader.size(parts.size()));
        Le.put16(d, base + ComponentHeader.GROUP_ID, spec.groupId());
        Le.put16(d, base + ComponentHeader.SOURCE_ID, spec.sourceId());
        Le.put16(d, base + ComponentHeader.REGION_ID, spec.regionId());
        Le.put32(d, base + ComponentHeader.REGION_OFFSET_X, spec.regionOffsetX());
        Le.put32(d, base + ComponentHeader.REGION_OFFSET_Y, spec.regionOffsetY());
        Le.put64(d, base + ComponentHeader.TIMESTAMP, timestampNs >= 0 ? timestampNs : spec.timestamp());
        Le.put64(d, base + ComponentHeader.TYPE_ID, spec.typeId());
        Le.put32(d, base + ComponentHeader.FORMAT, spec.format());
        Le.put16(d, base + ComponentHeader.PART_COUNT, parts.size());
        for (int p = 0; p < parts.size(); p++) {
            Le.put64(d, base + ComponentHeader.PART_OFFSETS + 8L * p, partOffsets[c][p]);
            writePart(d, c, p, parts.get(p));
        }
    }

    private void writePart(MemorySegment d, int c, int p, PartSpec part) {
        long base = partOffsets[c][p];
        Le.put16(d, base + PartHeader.HEADER_TYPE, part.headerType());
        Le.put16(d, base + PartHeader.FLAGS, part.flags());
        Le.put32(d, base + PartHeader.HEADER_SIZE, part.headerSize());
        Le.put32(d, base + PartHeader.FORMAT, part.format());
        Le.put16(d, base + PartHeader.FLOW_ID, part.flowId());
        Le.put64(d, base + PartHeader.FLOW_OFFSET, partFlowOffsets[c][p]);
        Le.put64(d, base + PartHeader.DATA_SIZE, part.dataSize());
        Le.put64(d, base + PartHeader.DATA_OFFSET, partDataOffsets[c][p]);
        switch (part.category()) {
            case IMAGE_2D, IMAGE_2D_H264 -> {
                Le.put32(d, base + PartHeader.SIZE_X, part.sizeX());
                Le.put32(d, base + PartHeader.SIZE_Y, part.sizeY());
                Le.put16(d, base + PartHeader.PADDING_X, part.paddingX());
                Le.put16(d, base + PartHeader.PADDING_Y, part.paddingY());
                Le.put32(d, base + PartHeader.INFO_RESERVED, part.infoReserved());
                H264Parameters h = part.h264();
                if (h != null) {
                    Le.put8(d, base + PartHeader.H264_PROFILE_IDC, h.profileIdc());
                    Le.put8(d, base + PartHeader.H264_FLAGS, h.flagsByte());
                    Le.put8(d, base + PartHeader.H264_LEVEL_IDC, h.levelIdc());
                    Le.put16(d, base + PartHeader.H264_SPROP_INTERLEAVING_DEPTH, h.spropInterleavingDepth());
                    Le.put16(d, base + PartHeader.H264_SPROP_MAX_DON_DIFF, h.spropMaxDonDiff());
                    Le.put32(d, base + PartHeader.H264_SPROP_DEINT_BUF_REQ, h.spropDeintBufReq());
                    Le.put32(d, base + PartHeader.H264_SPROP_INIT_BUF_TIME, h.spropInitBufTime());
                }
            }
            default -> {
                Le.put64(d, base + PartHeader.SIZE, part.size());
                Le.put16(d, base + PartHeader.PADDING, part.padding());
                Le.put32(d, base + PartHeader.INFO_RESERVED, part.infoReserved());
                Le.put64(d, base + PartHeader.INFO_TYPE_SPECIFIC, part.infoTypeSpecific());
            }
        }
    }

    /** Writes the flow mapping table at the start of {@code dst}; returns {@link #flowTableSize()}. */
    public long writeFlowTable(MemorySegment dst) {
        return writeFlowTable(dst, flowSizes);
    }

    /**
     * Writes a flow mapping table for {@code flowSizes} at the start of {@code dst} (for a device
     * or receiver that knows its flow sizes without a spec); returns its size, 16 + 8 × flows.
     */
    public static long writeFlowTable(MemorySegment dst, long... flowSizes) {
        if (flowSizes.length < 1 || flowSizes.length > 65536) {
            throw new IllegalArgumentException("a flow table holds 1..65536 flows, got " + flowSizes.length);
        }
        for (long s : flowSizes) {
            if (s < 0) {
                throw new IllegalArgumentException("flow size must be >= 0, got " + s);
            }
        }
        long size = FlowTable.size(flowSizes.length);
        requireCapacity("flow table", dst, size);
        MemorySegment t = dst.asSlice(0, size);
        t.fill((byte) 0);
        Le.put16(t, FlowTable.HEADER_TYPE, HeaderTypes.FLOW_TABLE);
        Le.put32(t, FlowTable.HEADER_SIZE, size);
        Le.put8(t, FlowTable.VERSION_MAJOR, 1);
        Le.put8(t, FlowTable.VERSION_MINOR, 0);
        Le.put32(t, FlowTable.FLOW_COUNT, flowSizes.length);
        for (int f = 0; f < flowSizes.length; f++) {
            Le.put64(t, FlowTable.FLOW_SIZES + 8L * f, flowSizes[f]);
        }
        return size;
    }

    /** Writes the container linearly with each part's own content (zeros where it has none). */
    public long writeLinear(MemorySegment dst) {
        return writeLinear(dst, null);
    }

    /**
     * Writes the container linearly into {@code dst}: descriptor, then data. Parts with content are
     * copied; the others are filled by {@code source} (zeroed when {@code source} is null).
     * Returns {@link #linearSize()}.
     */
    public long writeLinear(MemorySegment dst, PartDataSource source) {
        long total = linearSize();
        requireCapacity("linear container", dst, total);
        writeDescriptor(dst);
        long cursor = descriptorSize;
        for (int c = 0; c < components.size(); c++) {
            List<PartSpec> parts = components.get(c).parts();
            for (int p = 0; p < parts.size(); p++) {
                long offset = partDataOffsets[c][p];
                dst.asSlice(cursor, offset - cursor).fill((byte) 0);
                long size = parts.get(p).dataSize();
                fillPart(c, p, parts.get(p), dst.asSlice(offset, size), source);
                cursor = offset + size;
            }
        }
        dst.asSlice(cursor, total - cursor).fill((byte) 0);
        return total;
    }

    /**
     * Writes the container as flows: {@code flows[f]} receives flow {@code f} (flow 0 starts with
     * the descriptor); each must hold at least {@link #flowSize(int)} bytes.
     */
    public void writeFlows(MemorySegment[] flows, PartDataSource source) {
        if (flows.length < flowSizes.length) {
            throw new IllegalArgumentException(flowSizes.length + " flows needed, " + flows.length + " given");
        }
        for (int f = 0; f < flowSizes.length; f++) {
            requireCapacity("flow " + f, flows[f], flowSizes[f]);
        }
        long[] cursor = new long[flowSizes.length];
        cursor[0] = writeDescriptor(flows[0]);
        for (int c = 0; c < components.size(); c++) {
            List<PartSpec> parts = components.get(c).parts();
            for (int p = 0; p < parts.size(); p++) {
                PartSpec part = parts.get(p);
                int f = part.flowId();
                long offset = partFlowOffsets[c][p];
                flows[f].asSlice(cursor[f], offset - cursor[f]).fill((byte) 0);
                fillPart(c, p, part, flows[f].asSlice(offset, part.dataSize()), source);
                cursor[f] = offset + part.dataSize();
            }
        }
        for (int f = 0; f < flowSizes.length; f++) {
            flows[f].asSlice(cursor[f], flowSizes[f] - cursor[f]).fill((byte) 0);
        }
    }

    /** The linear container as a new byte array (files, tests). */
    public byte[] toByteArray() {
        if (linearSize() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("container of " + linearSize() + " bytes does not fit an array");
        }
        byte[] bytes = new byte[(int) linearSize()];
        writeLinear(MemorySegment.ofArray(bytes));
        return bytes;
    }

    private static void fillPart(int c, int p, PartSpec part, MemorySegment target, PartDataSource source) {
        byte[] content = part.contentUnsafe();
        if (content != null) {
            MemorySegment.copy(MemorySegment.ofArray(content), 0, target, 0, content.length);
        } else if (source != null) {
            source.fill(c, p, target);
        } else {
            target.fill((byte) 0);
        }
    }

    private static void requireCapacity(String what, MemorySegment dst, long needed) {
        if (dst.byteSize() < needed) {
            throw new IllegalArgumentException(what + " needs " + needed + " bytes, destination has "
                    + dst.byteSize());
        }
    }

    /** Collects the container-level settings and the components. */
    public static final class Builder {
        private long id;
        private int versionMinor = 1;
        private boolean timestampPtp;
        private int variableFields;
        private int dataAlignment = 8;
        private final List<ComponentSpec> components = new ArrayList<>();

        private Builder() {
        }

        /** Container Id. */
        public Builder id(long value) {
            this.id = value;
            return this;
        }

        /** Version 1.{@code minor}.0 (0 or 1; default 1). */
        public Builder versionMinor(int minor) {
            Checks.range("versionMinor", minor, 1);
            this.versionMinor = minor;
            return this;
        }

        /** Component timestamps are PTP (TAI ns). */
        public Builder timestampPtp(boolean value) {
            this.timestampPtp = value;
            return this;
        }

        /** VariableFields bits (non-zero makes a preliminary descriptor); bits 8-15 are reserved. */
        public Builder variableFields(int bits) {
            Checks.range("variableFields", bits, ContainerHeader.VARIABLE_FIELDS_DEFINED);
            this.variableFields = bits;
            return this;
        }

        /** Alignment of the data section and of every part's data (a power of two, default 8). */
        public Builder dataAlignment(int bytes) {
            if (bytes < 1 || Integer.bitCount(bytes) != 1 || bytes > 1 << 20) {
                throw new IllegalArgumentException("dataAlignment must be a power of two up to 1 MiB, was " + bytes);
            }
            this.dataAlignment = bytes;
            return this;
        }

        public Builder add(ComponentSpec component) {
            components.add(component);
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(this);
        }
    }
}
