package io.gevgate.gendc.read;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.internal.Le;
import io.gevgate.gendc.layout.ContainerHeader;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Zero-copy, reusable view of a GenDC container (descriptor, and data when laid out linearly).
 *
 * <p>Every {@code wrap} validates the complete descriptor first (see {@code docs/gendc.md} for the
 * list of checks) and throws {@link GenDcFormatException} naming offset, field, expected and found;
 * after a successful wrap every accessor reads straight from the segment. Wrapping a
 * {@link MemorySegment} allocates nothing: keep one view per receiving thread and re-wrap it for
 * every container. {@link #component(int)} returns this view's single reusable
 * {@link ComponentView} (valid until the next call); pass your own to hold several at once.
 *
 * <p>Not thread-safe. The views never copy: they see later writes to the segment, and they are only
 * as valid as the memory under them.
 */
public final class ContainerView {
    private final DescriptorValidator validator = new DescriptorValidator();
    private final ComponentView component = new ComponentView();

    private MemorySegment segment;
    private boolean linear;
    private long descriptorSize;
    private int componentCount;

    /**
     * Wraps a whole container laid out linearly (descriptor, then data, as in a {@code .gendc}
     * file): part data is checked to lie inside {@code container}.
     */
    public ContainerView wrap(MemorySegment container) throws GenDcFormatException {
        return wrap(container, true, null);
    }

    /** Wraps a linear container held in a buffer (from its position to its limit). */
    public ContainerView wrap(ByteBuffer container) throws GenDcFormatException {
        return wrap(MemorySegment.ofBuffer(container), true, null);
    }

    /**
     * Wraps a descriptor alone (flow-based delivery: it arrives in flow 0, the data elsewhere).
     * DataOffset/DataSize are checked against the container's data section, not against memory.
     */
    public ContainerView wrapDescriptor(MemorySegment descriptor) throws GenDcFormatException {
        return wrap(descriptor, false, null);
    }

    /**
     * Wraps a descriptor and also checks each part's FlowId against {@code flowTable} and its
     * FlowOffset + DataSize against that flow's size.
     */
    public ContainerView wrapDescriptor(MemorySegment descriptor, FlowTableView flowTable)
            throws GenDcFormatException {
        return wrap(descriptor, false, flowTable);
    }

    private ContainerView wrap(MemorySegment s, boolean isLinear, FlowTableView flowTable)
            throws GenDcFormatException {
        this.segment = null; // a failed wrap leaves no half-valid view behind
        validator.validate(s, isLinear, flowTable);
        this.segment = s;
        this.linear = isLinear;
        this.descriptorSize = Le.u32(s, ContainerHeader.DESCRIPTOR_SIZE);
        this.componentCount = (int) Le.u32(s, ContainerHeader.COMPONENT_COUNT);
        return this;
    }

    /**
     * Rejects a preliminary (or prefetch) descriptor: one whose VariableFields is non-zero, so that
     * sizes are maxima and fields may still change in the final descriptor.
     */
    public ContainerView requireFinal() throws GenDcFormatException {
        int variable = variableFields();
        if (variable != 0) {
            throw new GenDcFormatException(ContainerHeader.VARIABLE_FIELDS, "VariableFields",
                    "0 (a final descriptor)", Hex.u16(variable) + " (a preliminary descriptor)");
        }
        return this;
    }

    /** The wrapped memory (descriptor, or the whole linear container). */
    public MemorySegment segment() {
        return checked();
    }

    /** True when wrapped as a linear container, so part data can be sliced from {@link #segment()}. */
    public boolean isLinear() {
        checked();
        return linear;
    }

    public int versionMajor() {
        return Le.u8(checked(), ContainerHeader.VERSION_MAJOR);
    }

    public int versionMinor() {
        return Le.u8(checked(), ContainerHeader.VERSION_MINOR);
    }

    public int versionSubMinor() {
        return Le.u8(checked(), ContainerHeader.VERSION_SUB_MINOR);
    }

    public int flags() {
        return Le.u16(checked(), ContainerHeader.FLAGS);
    }

    /** Component timestamps are PTP (TAI ns since 1970). */
    public boolean isTimestampPtp() {
        return (flags() & ContainerHeader.FLAG_TIMESTAMP_PTP) != 0;
    }

    /** Some component may be invalid: check {@link ComponentView#isInvalid()}. */
    public boolean hasInvalidComponents() {
        return (flags() & ContainerHeader.FLAG_COMPONENT_INVALID) != 0;
    }

    public long headerSize() {
        return Le.u32(checked(), ContainerHeader.HEADER_SIZE);
    }

    /** Container id (increments per container). */
    public long id() {
        return Le.u64(checked(), ContainerHeader.ID);
    }

    public int variableFields() {
        return Le.u16(checked(), ContainerHeader.VARIABLE_FIELDS);
    }

    /** A preliminary descriptor (VariableFields non-zero): sizes are maxima. */
    public boolean isPreliminary() {
        return variableFields() != 0;
    }

    /** Size of the data section (its maximum in a preliminary descriptor). */
    public long dataSize() {
        return Le.u64(checked(), ContainerHeader.DATA_SIZE);
    }

    /** Start of the data section, from the descriptor start. */
    public long dataOffset() {
        return Le.u64(checked(), ContainerHeader.DATA_OFFSET);
    }

    public long descriptorSize() {
        checked();
        return descriptorSize;
    }

    public int componentCount() {
        checked();
        return componentCount;
    }

    /** Offset of component {@code index}'s header from the descriptor start. */
    public long componentOffset(int index) {
        checkIndex(index);
        return Le.u64(segment, ContainerHeader.COMPONENT_OFFSETS + 8L * index);
    }

    /** Component {@code index} in this view's reusable component view (valid until the next call). */
    public ComponentView component(int index) {
        return component(index, component);
    }

    /** Positions {@code target} on component {@code index} and returns it. */
    public ComponentView component(int index, ComponentView target) {
        checkIndex(index);
        return target.position(this, index, componentOffset(index));
    }

    /** Total number of parts over all components. */
    public int partCount() {
        int total = 0;
        for (int c = 0; c < componentCount(); c++) {
            total += ComponentView.partCountAt(segment, componentOffset(c));
        }
        return total;
    }

    /** The first component whose TypeId is {@code typeId} (and valid, if {@code validOnly}), or -1. */
    public int findComponent(long typeId, boolean validOnly) {
        for (int c = 0; c < componentCount(); c++) {
            ComponentView v = component(c);
            if (v.typeId() == typeId && !(validOnly && v.isInvalid())) {
                return c;
            }
        }
        return -1;
    }

    private void checkIndex(int index) {
        checked();
        if (index < 0 || index >= componentCount) {
            throw new IndexOutOfBoundsException("component " + index + " of " + componentCount);
        }
    }

    private MemorySegment checked() {
        if (segment == null) {
            throw new IllegalStateException("no container wrapped (or the last wrap failed)");
        }
        return segment;
    }
}
