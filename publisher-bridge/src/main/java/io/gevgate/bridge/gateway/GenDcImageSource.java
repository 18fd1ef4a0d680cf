package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;

import java.lang.foreign.MemorySegment;

/**
 * The adapter from a GenDC frame of either stream path ({@link AcquiredFrame}: an RDMA
 * {@code RoceFrame} or a GVSP GenDC {@code Frame}) to what the conversion stage takes: the first
 * valid component with a 2D image part — its pixel format, size, row stride and bytes, a view of
 * the frame's flow memory (no copy). The hook for {@code gevgate run --rdma}: the gateway converts
 * {@link #data()} with stride {@link #strideBytes()} exactly as it converts a GVSP image payload.
 *
 * <p>One instance per consumer thread; {@link #select} reuses its views (no allocation per frame).
 * Every offset comes from the device: all are checked against the flow before a view is made.
 */
public final class GenDcImageSource {
    private final ContainerView container = new ContainerView();
    private final ComponentView component = new ComponentView();
    private final PartView part = new PartView();
    private MemorySegment data;
    private int pixelFormat;
    private int width;
    private int height;
    private long strideBytes;
    private long componentTimestamp;

    /**
     * Points this source at {@code frame}'s first image part. Throws {@link GenDcFormatException}
     * naming the field when the descriptor is malformed, has no 2D image part, or places the part
     * outside its flow.
     */
    public GenDcImageSource select(AcquiredFrame frame) throws GenDcFormatException {
        if (!frame.isGenDc()) {
            throw new GenDcFormatException(0, "payload", "a GenDC container", "another payload type");
        }
        container.wrapDescriptor(frame.genDcDescriptor());
        for (int c = 0; c < container.componentCount(); c++) {
            container.component(c, component);
            if (component.isInvalid()) {
                continue;
            }
            for (int p = 0; p < component.partCount(); p++) {
                component.part(p, part);
                if (part.is2D()) {
                    bind(frame);
                    return this;
                }
            }
        }
        throw new GenDcFormatException(0, "components", "a valid component with a 2D image part", "none");
    }

    private void bind(AcquiredFrame frame) throws GenDcFormatException {
        int flow = part.flowId();
        if (flow >= frame.genDcFlowCount()) {
            throw new GenDcFormatException(part.offset(), "FlowId", "< " + frame.genDcFlowCount(), Integer.toString(flow));
        }
        MemorySegment f = frame.genDcFlow(flow);
        long off = part.flowOffset();
        long size = part.dataSize();
        if (off < 0 || size < 0 || off > f.byteSize() || size > f.byteSize() - off) {
            throw new GenDcFormatException(part.offset(), "FlowOffset+DataSize", "inside flow " + flow + " of "
                    + f.byteSize() + " bytes", off + "+" + size);
        }
        long w = part.sizeX();
        long h = part.sizeY();
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new GenDcFormatException(part.offset(), "SizeX/SizeY", "1..2^31-1", w + "x" + h);
        }
        long rowBytes = size / h;
        if (rowBytes * h > size || rowBytes < 1) {
            throw new GenDcFormatException(part.offset(), "DataSize", ">= SizeY rows", Long.toString(size));
        }
        this.data = f.asSlice(off, size);
        this.pixelFormat = part.format();
        this.width = (int) w;
        this.height = (int) h;
        this.strideBytes = rowBytes; // DataSize / SizeY: includes PaddingX
        this.componentTimestamp = component.timestamp();
    }

    public MemorySegment data() {
        return data;
    }

    /** PFNC code of the part. */
    public int pixelFormat() {
        return pixelFormat;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Bytes from one row's start to the next (PaddingX included). */
    public long strideBytes() {
        return strideBytes;
    }

    /** The component's timestamp (ns), the natural pts. */
    public long componentTimestamp() {
        return componentTimestamp;
    }
}
