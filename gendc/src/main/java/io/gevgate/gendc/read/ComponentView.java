package io.gevgate.gendc.read;

import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.ComponentHeader;
import java.lang.foreign.MemorySegment;

/**
 * Flyweight over one component header of a validated container. Obtained from
 * {@link ContainerView#component(int)}; reusable ({@code new ComponentView()} then
 * {@link ContainerView#component(int, ComponentView)}).
 */
public final class ComponentView {
    private final PartView part = new PartView();
    private ContainerView container;
    private MemorySegment segment;
    private long base;
    private int index;
    private int partCount;

    ComponentView position(ContainerView owner, int componentIndex, long offset) {
        this.container = owner;
        this.segment = owner.segment();
        this.base = offset;
        this.index = componentIndex;
        this.partCount = partCountAt(segment, offset);
        return this;
    }

    static int partCountAt(MemorySegment s, long componentOffset) {
        return Le.u16(s, componentOffset + ComponentHeader.PART_COUNT);
    }

    /** Index of this component in its container. */
    public int index() {
        return index;
    }

    /** Offset of this header from the descriptor start. */
    public long offset() {
        return base;
    }

    public int flags() {
        return Le.u16(segment, base + ComponentHeader.FLAGS);
    }

    /** The component's data is invalid (only possible when the container says so). */
    public boolean isInvalid() {
        return (flags() & ComponentHeader.FLAG_INVALID) != 0;
    }

    public long headerSize() {
        return Le.u32(segment, base + ComponentHeader.HEADER_SIZE);
    }

    public int groupId() {
        return Le.u16(segment, base + ComponentHeader.GROUP_ID);
    }

    public int sourceId() {
        return Le.u16(segment, base + ComponentHeader.SOURCE_ID);
    }

    public int regionId() {
        return Le.u16(segment, base + ComponentHeader.REGION_ID);
    }

    public long regionOffsetX() {
        return Le.u32(segment, base + ComponentHeader.REGION_OFFSET_X);
    }

    public long regionOffsetY() {
        return Le.u32(segment, base + ComponentHeader.REGION_OFFSET_Y);
    }

    /** Timestamp in ns (PTP/TAI when the container's TimestampPTP flag is set). */
    public long timestamp() {
        return Le.u64(segment, base + ComponentHeader.TIMESTAMP);
    }

    /** SFNC ComponentIDValue, see {@link io.gevgate.gendc.ComponentTypeIds}. */
    public long typeId() {
        return Le.u64(segment, base + ComponentHeader.TYPE_ID);
    }

    /** PFNC code of the whole component (e.g. RGB8_Planar; Data8 for metadata). */
    public int format() {
        return Le.i32(segment, base + ComponentHeader.FORMAT);
    }

    public int partCount() {
        return partCount;
    }

    /** Offset of part {@code partIndex}'s header from the descriptor start. */
    public long partOffset(int partIndex) {
        checkIndex(partIndex);
        return Le.u64(segment, base + ComponentHeader.PART_OFFSETS + 8L * partIndex);
    }

    /** Part {@code partIndex} in this component view's reusable part view (valid until the next call). */
    public PartView part(int partIndex) {
        return part(partIndex, part);
    }

    /** Positions {@code target} on part {@code partIndex} and returns it. */
    public PartView part(int partIndex, PartView target) {
        return target.position(container, index, partIndex, partOffset(partIndex));
    }

    private void checkIndex(int partIndex) {
        if (partIndex < 0 || partIndex >= partCount) {
            throw new IndexOutOfBoundsException("part " + partIndex + " of " + partCount);
        }
    }
}
