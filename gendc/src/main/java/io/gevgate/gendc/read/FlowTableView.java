package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.HeaderTypes;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.FlowTable;
import java.lang.foreign.MemorySegment;

/**
 * Zero-copy view of a GenDC flow mapping table (type 0x7000): how many flows a container is split
 * into and the size of each. Delivered separately from containers (SFNC GenDCFlowMappingTable) and
 * static while streaming, so one view is wrapped once and reused for every container.
 */
public final class FlowTableView {
    /** Flows are numbered by a u16 FlowId, so a table can address at most 65536. */
    public static final int MAX_FLOWS = 1 << 16;

    private MemorySegment segment;
    private int flowCount;

    /**
     * Validates and wraps a flow table: HeaderType, HeaderSize = 16 + 8 × FlowCount, version 1.0,
     * 1 ≤ FlowCount ≤ 65536, each FlowSize below 2^63.
     */
    public FlowTableView wrap(MemorySegment table) throws GenDcFormatException {
        long available = table.byteSize();
        if (available < FlowTable.FIXED_SIZE) {
            throw new GenDcFormatException(0, "FlowTable", "at least 16 bytes", available + " bytes");
        }
        int headerType = Le.u16(table, FlowTable.HEADER_TYPE);
        if (headerType != HeaderTypes.FLOW_TABLE) {
            throw new GenDcFormatException(FlowTable.HEADER_TYPE, "FlowTable.HeaderType",
                    "0x7000 (flow mapping table)", Hex.u16(headerType));
        }
        int flags = Le.u16(table, FlowTable.FLAGS);
        if (flags != 0) {
            throw new GenDcFormatException(FlowTable.FLAGS, "FlowTable.Flags", "0", Hex.u16(flags));
        }
        int major = Le.u8(table, FlowTable.VERSION_MAJOR);
        int minor = Le.u8(table, FlowTable.VERSION_MINOR);
        if (major != 1 || minor != 0) {
            throw new GenDcFormatException(FlowTable.VERSION_MAJOR, "FlowTable.Version", "1.0", major + "." + minor);
        }
        long count = Le.u32(table, FlowTable.FLOW_COUNT);
        if (count < 1 || count > MAX_FLOWS) {
            throw new GenDcFormatException(FlowTable.FLOW_COUNT, "FlowTable.FlowCount",
                    "1 to " + MAX_FLOWS + " (flow 0 carries the descriptor)", Long.toString(count));
        }
        long headerSize = Le.u32(table, FlowTable.HEADER_SIZE);
        if (headerSize != FlowTable.size(count)) {
            throw new GenDcFormatException(FlowTable.HEADER_SIZE, "FlowTable.HeaderSize",
                    FlowTable.size(count) + " (16 + 8 x FlowCount " + count + ")", Long.toString(headerSize));
        }
        if (headerSize > available) {
            throw new GenDcFormatException(FlowTable.HEADER_SIZE, "FlowTable.HeaderSize",
                    "at most the " + available + " bytes available", Long.toString(headerSize));
        }
        for (int i = 0; i < count; i++) {
            long size = Le.u64(table, FlowTable.FLOW_SIZES + 8L * i);
            if (size < 0) {
                throw new GenDcFormatException(FlowTable.FLOW_SIZES + 8L * i, "FlowTable.FlowSize[" + i + "]",
                        "below 2^63", Hex.u64(size));
            }
        }
        this.segment = table;
        this.flowCount = (int) count;
        return this;
    }

    public int flowCount() {
        return flowCount;
    }

    /** Maximum bytes of flow {@code flowId}. */
    public long flowSize(int flowId) {
        if (flowId < 0 || flowId >= flowCount) {
            throw new IndexOutOfBoundsException("flow " + flowId + " of " + flowCount);
        }
        return Le.u64(segment, FlowTable.FLOW_SIZES + 8L * flowId);
    }

    /** HeaderSize of the wrapped table. */
    public long headerSize() {
        return FlowTable.size(flowCount);
    }

    /** The wrapped memory. */
    public MemorySegment segment() {
        return segment;
    }
}
