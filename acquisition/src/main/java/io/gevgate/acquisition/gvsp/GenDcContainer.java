package io.gevgate.acquisition.gvsp;

import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.layout.ContainerHeader;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.read.PartView;

import java.lang.foreign.MemorySegment;

/**
 * The GenDC container of one received {@link Frame}, as the gendc module's zero-copy views over
 * the frame buffer: nothing is copied. One instance lives with each pooled frame and is
 * re-validated on the receive thread when its frame closes; {@link Frame#genDc()} hands it out.
 *
 * <p>With a flow mapping table (the device's GenDCFlowMappingTable) each flow has a fixed place
 * in the frame buffer, so the flows are fixed slices made once per buffer, the descriptor is
 * checked against the table ({@code wrapDescriptor(descriptor, table)}) and part data is found by
 * FlowId + FlowOffset. Without a table the receiver placed every packet at its destination offset
 * from the buffer start, so the payload is a linear container and is validated as one.
 *
 * <p>Valid until the frame is released. Not thread-safe (one consumer per frame, as for the frame).
 */
public final class GenDcContainer {
    private final ContainerView view = new ContainerView();
    private final PartView part = new PartView();
    private FlowTableView table;
    private MemorySegment[] flows;
    private MemorySegment descriptor;
    private MemorySegment linear;
    private GenDcFormatException error;
    private boolean valid;

    GenDcContainer() {
    }

    /** Fixes the flow slices of this frame's buffer (once, on the receive thread). */
    void bindFlows(FlowTableView flowTable, MemorySegment buffer, long[] flowBase, long[] flowSize) {
        this.table = flowTable;
        this.flows = new MemorySegment[flowBase.length];
        for (int i = 0; i < flowBase.length; i++) {
            flows[i] = buffer.asSlice(flowBase[i], flowSize[i]);
        }
    }

    boolean flowsBound() {
        return flows != null;
    }

    void reset() {
        valid = false;
        error = null;
        descriptor = null;
        linear = null;
    }

    /**
     * Validates the container of a closed frame. Allocation-free when the container is valid and
     * the descriptor starts at flow offset 0; a malformed one costs its exception.
     *
     * @param descriptorStart       destination offset (in flow 0) of the start-of-descriptor packet
     * @param announcedDescriptorSize the leader's GenDC descriptor size (0 = not announced)
     * @param payload               the frame's payload (used without a flow table: linear layout)
     * @return true when valid
     */
    boolean validate(long descriptorStart, long announcedDescriptorSize, MemorySegment payload) {
        valid = false;
        error = null;
        try {
            if (flows != null) {
                MemorySegment flow0 = flows[0];
                if (descriptorStart < 0 || descriptorStart >= flow0.byteSize()) {
                    throw new GenDcFormatException(0, "descriptor destination offset",
                            "within flow 0's " + flow0.byteSize() + " bytes", Long.toString(descriptorStart));
                }
                descriptor = descriptorStart == 0 ? flow0 : flow0.asSlice(descriptorStart);
                view.wrapDescriptor(descriptor, table);
                linear = null;
            } else {
                linear = payload;
                descriptor = payload;
                view.wrap(payload);
            }
            long size = view.descriptorSize();
            if (announcedDescriptorSize != 0 && announcedDescriptorSize != size) {
                throw new GenDcFormatException(ContainerHeader.DESCRIPTOR_SIZE, "DescriptorSize",
                        announcedDescriptorSize + " (the GVSP leader's GenDC descriptor size)", Long.toString(size));
            }
            valid = true;
        } catch (GenDcFormatException e) {
            error = e;
        }
        return valid;
    }

    void fail(GenDcFormatException e) {
        valid = false;
        error = e;
    }

    boolean isValid() {
        return valid;
    }

    GenDcFormatException error() {
        return error;
    }

    /** The validated container view (components, parts, header fields). */
    public ContainerView view() {
        return view;
    }

    public int componentCount() {
        return view.componentCount();
    }

    /** Component {@code i} (the view's reusable flyweight, valid until the next call). */
    public ComponentView component(int i) {
        return view.component(i);
    }

    /** The first component of this SFNC ComponentIDValue (e.g. 1 Intensity, 4 Range), or -1. */
    public int findComponent(long typeId) {
        return view.findComponent(typeId, true);
    }

    /** The descriptor bytes (flow 0 from the start of the descriptor), a view of the frame buffer. */
    public MemorySegment descriptor() {
        return descriptor.asSlice(0, view.descriptorSize());
    }

    /** True when the device's flow mapping table placed the flows (multi-flow delivery). */
    public boolean hasFlowTable() {
        return flows != null;
    }

    /** Flows of the table (1 without a table: the whole linear container). */
    public int flowCount() {
        return flows != null ? flows.length : 1;
    }

    /** Flow {@code i} as placed in the frame buffer (its full size from the flow table). */
    public MemorySegment flow(int i) {
        if (flows == null) {
            if (i != 0) {
                throw new IndexOutOfBoundsException("flow " + i + " of 1 (no flow mapping table)");
            }
            return linear;
        }
        if (i < 0 || i >= flows.length) {
            throw new IndexOutOfBoundsException("flow " + i + " of " + flows.length);
        }
        return flows[i];
    }

    /**
     * The data of part {@code p} of component {@code c}: a slice of its flow at FlowOffset (or of
     * the linear container at DataOffset). Already bounds-checked by the validation.
     */
    public MemorySegment data(int c, int p) throws GenDcFormatException {
        view.component(c).part(p, part);
        return data(part);
    }

    /** The data of {@code part} (a view positioned on this container). */
    public MemorySegment data(PartView part) throws GenDcFormatException {
        return flows != null ? part.data(flows) : part.data(linear);
    }

    /** Bytes of the container laid out linearly: DataOffset + DataSize of the container header. */
    public long linearSize() {
        return Math.max(view.descriptorSize(), view.dataOffset() + view.dataSize());
    }

    /**
     * Copies the container into {@code dst} laid out linearly (a {@code .gendc} file): the
     * descriptor, then every part at its DataOffset, gaps zeroed. This is the one place that copies
     * (for saving); reading the frame never does.
     *
     * @return the bytes written ({@link #linearSize()})
     */
    public long writeLinear(MemorySegment dst) throws GenDcFormatException {
        long size = linearSize();
        if (dst.byteSize() < size) {
            throw new IllegalArgumentException("linear container needs " + size + " bytes, destination has " + dst.byteSize());
        }
        MemorySegment out = dst.asSlice(0, size);
        out.fill((byte) 0);
        MemorySegment.copy(descriptor, 0, out, 0, view.descriptorSize());
        ComponentView comp = new ComponentView();
        PartView pv = new PartView();
        for (int c = 0; c < view.componentCount(); c++) {
            view.component(c, comp);
            for (int p = 0; p < comp.partCount(); p++) {
                comp.part(p, pv);
                MemorySegment d = data(pv);
                MemorySegment.copy(d, 0, out, pv.dataOffset(), d.byteSize());
            }
        }
        return size;
    }
}
