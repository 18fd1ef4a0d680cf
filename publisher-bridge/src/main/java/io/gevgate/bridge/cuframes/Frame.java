package io.gevgate.bridge.cuframes;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import io.gevgate.bridge.memory.SlotMemory;

/**
 * The frame a subscriber holds between {@link CuframesSubscriber#next} and
 * {@link CuframesSubscriber#release}. One reusable object per subscriber (no allocation per frame).
 */
public final class Frame {
    private final FramesHeader header;
    private final SlotMemory memory;
    private final FrameGeometry geometry;
    int slot = -1;
    long seq;
    long ptsNs;

    Frame(FramesHeader header, SlotMemory memory, FrameGeometry geometry) {
        this.header = header;
        this.memory = memory;
        this.geometry = geometry;
    }

    public int slot() {
        return slot;
    }

    public long seq() {
        return seq;
    }

    public long ptsNs() {
        return ptsNs;
    }

    public FrameGeometry geometry() {
        return geometry;
    }

    /** Device pointer (VMM) or host address (memfd) of the frame. */
    public long pointer() {
        return memory.pointer(slot);
    }

    /** Host view of the frame bytes (memfd only); check {@link #intact()} after reading. */
    public MemorySegment host() {
        return memory.hostSlot(slot).asSlice(0, geometry.frameSize());
    }

    /**
     * Post-read verification: true while the slot still carries this frame's seq, i.e. every byte
     * read before this call belonged to this frame.
     */
    public boolean intact() {
        VarHandle.acquireFence();
        return header.slotSeqAcquire(slot) == seq;
    }

    /** Copies the frame to {@code dst} and verifies it afterwards; false means the copy is torn. */
    public boolean copyTo(MemorySegment dst) {
        memory.download(slot, 0, dst.asSlice(0, Math.min(dst.byteSize(), geometry.frameSize())));
        return intact();
    }
}
