package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One frame received over RDMA: a page index into the registered regions, where the device wrote
 * one GenDC container (descriptor at the start of the flow-0 page, every other flow's data in its
 * own region's page). The same idea as the GVSP {@code Frame}: the consumer owns it until
 * {@link #release()}, which hands the page back to the receiver; views are stale after that.
 */
public final class RoceFrame implements io.gevgate.acquisition.frames.AcquiredFrame {
    static final int FREE = 0;
    static final int READY = 1;
    static final int HELD = 2;

    private final RegisteredPages pages;
    private final int page;
    private final MemorySegment[] flows;
    private final MemorySegment descriptorArea;
    private final MemorySegment metadata;
    private final ContainerView container = new ContainerView();
    final AtomicInteger state = new AtomicInteger(FREE);

    RoceFrameStatus status;
    long frameNumber;
    int immediate;
    long bytesWritten;
    int packets;
    int packetsMissing;
    long firstDataTimestamp;
    long metadataTimestamp;
    long receivedNanos;

    RoceFrame(RegisteredPages pages, int page) {
        this.pages = pages;
        this.page = page;
        int n = pages.profile().flowCount();
        this.flows = new MemorySegment[n];
        for (int f = 0; f < n; f++) {
            flows[f] = pages.page(f, page);
        }
        long metaOffset = pages.profile().metadataOffset();
        this.descriptorArea = flows[0].asSlice(0, metaOffset);
        this.metadata = flows[0].asSlice(metaOffset, FrameMetadata.LENGTH);
    }

    public int page() {
        return page;
    }

    @Override
    public RoceFrameStatus status() {
        return status;
    }

    @Override
    public boolean isComplete() {
        return status == RoceFrameStatus.COMPLETE;
    }

    /** Frame number from the metadata record; -1 when the record never arrived. */
    public long frameNumber() {
        return frameNumber;
    }

    public int immediate() {
        return immediate;
    }

    /** Payload bytes placed for this frame (excluding the metadata record). */
    public long bytesWritten() {
        return bytesWritten;
    }

    public int packets() {
        return packets;
    }

    public int packetsMissing() {
        return packetsMissing;
    }

    /** Device timestamp (ns) of the first data byte, from the metadata record. */
    public long firstDataTimestamp() {
        return firstDataTimestamp;
    }

    public long metadataTimestamp() {
        return metadataTimestamp;
    }

    /** {@link System#nanoTime()} when the receiver closed the frame. */
    @Override
    public long receivedNanos() {
        return receivedNanos;
    }

    public int flowCount() {
        return flows.length;
    }

    /** Flow {@code i}'s whole page (flow 0 includes the metadata record at its end). */
    public MemorySegment flow(int i) {
        return flows[i];
    }

    /** The 128-byte metadata record at the end of the flow-0 page. */
    public MemorySegment metadata() {
        return metadata;
    }

    /**
     * The GenDC container of this frame: the descriptor in flow 0, validated (throws on a malformed
     * descriptor). The view is reused per frame; part data lies in {@link #partData}.
     */
    public ContainerView genDc() throws GenDcFormatException {
        return container.wrapDescriptor(descriptorArea);
    }

    /** A part's bytes in its flow's page, bounds-checked against that page. */
    public MemorySegment partData(PartView part) throws GenDcFormatException {
        int f = part.flowId();
        if (f >= flows.length) {
            throw new GenDcFormatException(part.offset(), "FlowId", "< " + flows.length + " (flows registered)",
                    Integer.toString(f));
        }
        long limit = f == 0 ? descriptorArea.byteSize() : flows[f].byteSize();
        long off = part.flowOffset();
        long size = part.dataSize();
        if (off < 0 || size < 0 || off > limit || size > limit - off) {
            throw new GenDcFormatException(part.offset(), "FlowOffset+DataSize",
                    "inside flow " + f + "'s page of " + limit + " bytes", off + "+" + size);
        }
        return flows[f].asSlice(off, size);
    }

    // ---- AcquiredFrame

    @Override
    public long frameId() {
        return frameNumber;
    }

    /** The record's first-data timestamp (ns), the GenDC component timestamp. */
    @Override
    public long timestamp() {
        return firstDataTimestamp;
    }

    @Override
    public boolean isGenDc() {
        return true;
    }

    /** The descriptor's bytes (its DescriptorSize), or the whole area before the record when it is malformed. */
    @Override
    public MemorySegment genDcDescriptor() {
        try {
            long size = genDc().descriptorSize();
            if (size > 0 && size <= descriptorArea.byteSize()) {
                return descriptorArea.asSlice(0, size);
            }
        } catch (GenDcFormatException e) {
            // an incomplete frame may hold a torn descriptor: hand out the area, the caller validates
        }
        return descriptorArea;
    }

    @Override
    public int genDcFlowCount() {
        return flows.length;
    }

    @Override
    public MemorySegment genDcFlow(int i) {
        if (i < 0 || i >= flows.length) {
            throw new IndexOutOfBoundsException("flow " + i + " of " + flows.length);
        }
        return i == 0 ? descriptorArea : flows[i];
    }

    /** Hands the page back to the receiver. Safe to call twice. */
    @Override
    public void release() {
        state.compareAndSet(HELD, FREE);
    }

    @Override
    public String toString() {
        return "RoceFrame{page=" + page + ", frame=" + frameNumber + ", status=" + status + ", bytes=" + bytesWritten
                + ", packets=" + packets + ", missing=" + packetsMissing + "}";
    }
}
