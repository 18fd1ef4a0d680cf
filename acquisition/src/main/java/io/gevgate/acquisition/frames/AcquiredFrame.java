package io.gevgate.acquisition.frames;

import java.lang.foreign.MemorySegment;

/**
 * What every stream path hands its consumer: a GVSP {@code gvsp.Frame} (one pooled buffer) or an
 * RDMA {@code roce.RoceFrame} (one page per GenDC flow in registered memory). The two differ in
 * where the bytes lie, so this interface names only what both can answer without a copy: identity,
 * completeness, timestamps, and the GenDC container as descriptor bytes plus per-flow bytes (part
 * data lies at {@code genDcFlow(part.flowId())} + FlowOffset). Path-specific detail (image
 * geometry of a GVSP leader, the RDMA metadata record) stays on the concrete classes.
 *
 * <p>The consumer owns a frame until {@link #release()}; every segment obtained from it is stale
 * after that.
 */
public interface AcquiredFrame {
    /** Block id (GVSP) or frame number from the metadata record (RDMA; -1 when it never arrived). */
    long frameId();

    /** Every byte arrived and was verified: the only frames that may be published as whole. */
    boolean isComplete();

    /** How the frame ended ({@code gvsp.FrameStatus} or {@code roce.RoceFrameStatus}). */
    Enum<?> status();

    /** Device timestamp: GVSP leader ticks, or the RDMA record's first-data time in ns (0 = unknown). */
    long timestamp();

    /** {@link System#nanoTime()} when the receiver closed the frame. */
    long receivedNanos();

    /** The payload is a GenDC container (always true over RDMA). */
    boolean isGenDc();

    /** The GenDC descriptor bytes (flow 0's start); empty when there is none. */
    MemorySegment genDcDescriptor();

    /** GenDC flows of this frame (flow 0 carries the descriptor). */
    int genDcFlowCount();

    /** Bytes of GenDC flow {@code i}: GVSP as written, RDMA the flow's whole page (flow 0 without the metadata record). */
    MemorySegment genDcFlow(int i);

    /** Hands the buffer back to the receiver. Safe to call twice. */
    void release();
}
