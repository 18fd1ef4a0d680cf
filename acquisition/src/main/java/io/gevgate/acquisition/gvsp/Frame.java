package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.gendc.GenDcFormatException;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One received block (frame) in a pooled host buffer. The receiver wrote every payload packet
 * straight at its final offset. A frame belongs to its consumer until {@link #release()}, which
 * returns the buffer to the pool; after that every view obtained from it is stale.
 *
 * <p>Payload kinds: image (width, height, offsets, padding, PFNC), multipart ({@link #parts}),
 * GenDC ({@link #genDc()}: the validated container, zero-copy; raw descriptor and flow bytes), chunk
 * data ({@link #chunkData()}), raw/JPEG/H.264 as opaque {@link #payload()} bytes.
 */
public final class Frame implements io.gevgate.acquisition.frames.AcquiredFrame {
    static final int MAX_PARTS = 255;
    private static final MemorySegment EMPTY = MemorySegment.ofArray(new byte[0]);

    private final MemorySegment buffer;
    private final FramePool pool;
    private final AtomicInteger owned = new AtomicInteger();
    final FrameAssembly assembly;
    private final FramePart[] parts;
    int partCount;

    long blockId;
    boolean extendedIds;
    long timestamp;
    long receivedNanos;
    FrameStatus status;
    int payloadType;
    long payloadSize;
    // image
    int pixelFormat;
    long width;
    long height;
    long offsetX;
    long offsetY;
    int paddingX;
    int paddingY;
    long trailerSizeY;
    long chunkLayoutId;
    // GenDC
    long[] flowBase;
    long[] flowExtent;
    int flowCount;
    long descriptorStart;
    long descriptorEnd;
    boolean preliminaryDescriptor;
    /** A packet of the final descriptor arrived: from then on preliminary descriptor bytes are stale. */
    boolean finalDescriptorSeen;
    long announcedDescriptorSize;
    final GenDcContainer genDc = new GenDcContainer();
    // statistics
    int packetsReceived;
    int packetsResent;
    int packetsMissing;

    Frame(FramePool pool, MemorySegment buffer, int maxPackets, int maxFlows) {
        this.pool = pool;
        this.buffer = buffer;
        this.parts = new FramePart[MAX_PARTS];
        for (int i = 0; i < MAX_PARTS; i++) {
            parts[i] = new FramePart(this);
        }
        this.flowBase = new long[Math.max(1, maxFlows)];
        this.flowExtent = new long[Math.max(1, maxFlows)];
        this.assembly = new FrameAssembly(this, maxPackets);
    }

    /** Block id (16-bit ids stay 1..65535; extended ids are 64-bit). */
    public long blockId() {
        return blockId;
    }

    @Override
    public long frameId() {
        return blockId;
    }

    @Override
    public boolean isComplete() {
        return status == FrameStatus.COMPLETE;
    }

    public boolean extendedIds() {
        return extendedIds;
    }

    /** Device timestamp from the leader, in device ticks (0 when the leader never arrived). */
    public long timestamp() {
        return timestamp;
    }

    /** {@link System#nanoTime()} when the frame was closed. */
    public long receivedNanos() {
        return receivedNanos;
    }

    public FrameStatus status() {
        return status;
    }

    /** Raw payload type from the leader (chunk flag included); 0 if the leader was lost. */
    public int payloadType() {
        return payloadType;
    }

    public boolean hasChunks() {
        int base = GvspPayloadType.base(payloadType);
        return GvspPayloadType.hasChunks(payloadType) || base == GvspPayloadType.CHUNK_DATA
                || base == GvspPayloadType.EXTENDED_CHUNK;
    }

    /** Payload bytes: the announced size, or the extent actually written when none was announced. */
    public long payloadSize() {
        return payloadSize;
    }

    /** The payload bytes as a view of the frame buffer. */
    public MemorySegment payload() {
        return slice(0, payloadSize);
    }

    /** The whole pooled buffer (capacity), e.g. for zero-copy hand-over. */
    public MemorySegment buffer() {
        return buffer;
    }

    public int pixelFormat() {
        return pixelFormat;
    }

    public long width() {
        return width;
    }

    public long height() {
        return height;
    }

    public long offsetX() {
        return offsetX;
    }

    public long offsetY() {
        return offsetY;
    }

    public int paddingX() {
        return paddingX;
    }

    public int paddingY() {
        return paddingY;
    }

    /** Lines the trailer reported (0 if none). */
    public long trailerSizeY() {
        return trailerSizeY;
    }

    /** Image or multipart parts; an image frame has one part describing the whole image. */
    public int partCount() {
        return partCount;
    }

    public FramePart part(int i) {
        if (i < 0 || i >= partCount) {
            throw new IndexOutOfBoundsException("part " + i + " of " + partCount);
        }
        return parts[i];
    }

    /** Chunk bytes (payload with trailing chunk tags) when the payload carries chunks; else empty. */
    public MemorySegment chunkData() {
        return hasChunks() ? payload() : EMPTY;
    }

    public long chunkLayoutId() {
        return chunkLayoutId;
    }

    public boolean isGenDc() {
        return GvspPayloadType.base(payloadType) == GvspPayloadType.GENDC;
    }

    /** GenDC flows that received data (flow 0 carries the descriptor). */
    public int genDcFlowCount() {
        return flowCount;
    }

    /** Bytes of GenDC flow {@code i} as written (from its base to the furthest byte received). */
    public MemorySegment genDcFlow(int i) {
        if (i < 0 || i >= flowCount) {
            throw new IndexOutOfBoundsException("flow " + i + " of " + flowCount);
        }
        return slice(flowBase[i], flowExtent[i]);
    }

    /** GenDC descriptor bytes (flow 0, between the start- and end-of-descriptor packets). */
    public MemorySegment genDcDescriptor() {
        if (descriptorEnd <= descriptorStart) {
            return EMPTY;
        }
        return slice(flowBase[0] + descriptorStart, descriptorEnd - descriptorStart);
    }

    /**
     * The GenDC container of this frame, validated by the receiver when the frame closed: zero-copy
     * views of the descriptor and of every component's part data, placed by the device's flow
     * mapping table (see {@link GenDcContainer}). Valid until {@link #release()}.
     *
     * @throws GenDcFormatException   the container is malformed (the frame's status is then
     *                                {@link FrameStatus#MALFORMED_PAYLOAD}); names offset, field, expected, found
     * @throws IllegalStateException  the frame is not GenDC, or it did not arrive complete (check
     *                                {@link #status()} first: a lost descriptor packet leaves stale bytes)
     */
    public GenDcContainer genDc() throws GenDcFormatException {
        if (!isGenDc()) {
            throw new IllegalStateException("frame " + blockId + " is not GenDC (payload type "
                    + GvspPayloadType.name(payloadType) + ")");
        }
        if (genDc.isValid()) {
            return genDc;
        }
        if (genDc.error() != null) {
            throw genDc.error();
        }
        throw new IllegalStateException("frame " + blockId + " is " + status + ": its GenDC container is incomplete");
    }

    /** The GenDC leader said the descriptor in flow 0 is preliminary (a final one follows). */
    public boolean genDcPreliminaryDescriptor() {
        return preliminaryDescriptor;
    }

    public int packetsReceived() {
        return packetsReceived;
    }

    /** Packets that arrived after a resend request. */
    public int packetsResent() {
        return packetsResent;
    }

    /** Packets still missing when the frame closed. */
    public int packetsMissing() {
        return packetsMissing;
    }

    MemorySegment slice(long offset, long length) {
        long start = Math.min(Math.max(0, offset), buffer.byteSize());
        long len = Math.min(Math.max(0, length), buffer.byteSize() - start);
        return buffer.asSlice(start, len);
    }

    FramePart partSlot(int i) {
        return parts[i];
    }

    /** Marks the frame as handed to a consumer (or the hand-off queue). */
    void acquireOwnership() {
        owned.set(1);
    }

    /** Returns the buffer to the pool. Safe to call twice; the second call does nothing. */
    public void release() {
        if (owned.compareAndSet(1, 0)) {
            pool.recycle(this);
        }
    }

    @Override
    public String toString() {
        return "Frame{block=" + blockId + ", status=" + status + ", type=" + GvspPayloadType.name(payloadType)
                + ", size=" + payloadSize + (width > 0 ? ", " + width + "x" + height : "")
                + ", pf=0x" + Integer.toHexString(pixelFormat) + ", parts=" + partCount
                + ", resent=" + packetsResent + ", missing=" + packetsMissing + "}";
    }
}
