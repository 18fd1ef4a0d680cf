package io.gevgate.simulator.stream;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Writes the GenDC 1.1 descriptor of the emitter's containers (all fields little-endian, see the
 * GenDC spec tables): a container header, then per component a component header followed by its
 * single part header. Each component's part lives alone in flow {@code i + 1} at flow offset 0;
 * the descriptor itself is flow 0. Only what the emitter needs; the gendc module owns the general
 * reader/writer.
 */
final class GenDcDescriptorWriter {
    static final long TYPE_INTENSITY = 1;
    static final long TYPE_RANGE = 4;
    static final long TYPE_CONFIDENCE = 6;
    static final long TYPE_METADATA = 0x8001;
    static final int CONTAINER_HEADER = 56;
    static final int COMPONENT_HEADER = 48 + 8; // one part offset
    static final int PART_2D = 56;
    static final int PART_METADATA = 64;

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GenDcDescriptorWriter() {
    }

    /** Descriptor bytes for {@code components} components, the last being chunk metadata. */
    static int descriptorSize(int components) {
        return CONTAINER_HEADER + 8 * components + (components - 1) * (COMPONENT_HEADER + PART_2D)
                + COMPONENT_HEADER + PART_METADATA;
    }

    /** Writes the descriptor for {@code layout} (units 1.. are the components) at {@code seg[0..]}. */
    static void write(MemorySegment seg, BlockLayout layout, long containerId, long timestampNs) {
        BlockLayout.Unit[] u = layout.units;
        int n = u.length - 1;
        int desc = layout.descriptorSize;
        seg.asSlice(0, desc).fill((byte) 0);
        seg.set(ValueLayout.JAVA_BYTE, 0, (byte) 'G');
        seg.set(ValueLayout.JAVA_BYTE, 1, (byte) 'N');
        seg.set(ValueLayout.JAVA_BYTE, 2, (byte) 'D');
        seg.set(ValueLayout.JAVA_BYTE, 3, (byte) 'C');
        seg.set(ValueLayout.JAVA_BYTE, 4, (byte) 1);
        seg.set(ValueLayout.JAVA_BYTE, 5, (byte) 1);
        seg.set(ValueLayout.JAVA_BYTE, 6, (byte) 0);
        seg.set(LE16, 8, (short) 0x1000);
        seg.set(LE16, 10, (short) 0);
        seg.set(LE32, 12, CONTAINER_HEADER + 8 * n);
        seg.set(LE64, 16, containerId);
        seg.set(LE16, 24, (short) 0); // final descriptor: no variable fields
        seg.set(LE64, 32, layout.totalSize - desc);
        seg.set(LE64, 40, desc);
        seg.set(LE32, 48, desc);
        seg.set(LE32, 52, n);
        long at = CONTAINER_HEADER + 8L * n;
        for (int c = 0; c < n; c++) {
            BlockLayout.Unit unit = u[c + 1];
            boolean metadata = unit.typeId() == TYPE_METADATA;
            seg.set(LE64, CONTAINER_HEADER + 8L * c, at);
            long comp = at;
            long part = comp + COMPONENT_HEADER;
            seg.set(LE16, comp, (short) 0x2000);
            seg.set(LE16, comp + 2, (short) 0);
            seg.set(LE32, comp + 4, COMPONENT_HEADER);
            seg.set(LE16, comp + 10, (short) 0);        // group id
            seg.set(LE16, comp + 12, (short) 0);        // source id
            seg.set(LE16, comp + 14, (short) 0);        // region id
            seg.set(LE64, comp + 24, timestampNs);
            seg.set(LE64, comp + 32, unit.typeId());
            seg.set(LE32, comp + 40, unit.pixelFormat());
            seg.set(LE16, comp + 46, (short) 1);
            seg.set(LE64, comp + 48, part);
            int partSize = metadata ? PART_METADATA : PART_2D;
            seg.set(LE16, part, (short) unit.dataType());
            seg.set(LE16, part + 2, (short) 0);
            seg.set(LE32, part + 4, partSize);
            seg.set(LE32, part + 8, unit.pixelFormat());
            seg.set(LE16, part + 14, (short) (c + 1));  // flow id
            seg.set(LE64, part + 16, 0L);               // flow offset
            seg.set(LE64, part + 24, unit.length());
            seg.set(LE64, part + 32, unit.offset());
            if (metadata) {
                seg.set(LE64, part + 40, unit.length());
                seg.set(LE64, part + 56, 1L);           // chunk layout id
            } else {
                seg.set(LE32, part + 40, (int) unit.width());
                seg.set(LE32, part + 44, (int) unit.height());
            }
            at = part + partSize;
        }
    }
}
