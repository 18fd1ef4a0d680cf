package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;

import java.lang.foreign.MemorySegment;

/**
 * The CPU path: {@link FrameConverter} writes straight into the slot's host mapping (memfd slot
 * memory), NV12 planes at the publisher's pitches, RGBA8, or the camera rows copied unchanged.
 */
public final class CpuSlotWriter implements SlotWriter {
    /** Smallest preload step in row pairs: fewer, larger band conversions while a frame arrives. */
    static final int PRELOAD_PAIRS = 16;

    private final FrameConverter converter;
    private final FrameGeometry geometry;
    private final PublishFormat format;
    // the frame being converted while it arrives: its identity and the row pairs done so far
    private long preloadBlock = -1;
    private long preloadBuffer;
    private long preloadSlotSeq = -1;
    private int preloadPairs;
    private long preloadedFrames;

    public CpuSlotWriter(ConversionSpec spec, PublishFormat format, FrameGeometry geometry, int threads) {
        this.converter = FrameConverter.create(spec, threads);
        this.geometry = geometry;
        this.format = format;
        warmUp(spec);
    }

    /** A few conversions of a blank frame at start-up, so the first camera frame does not pay for JIT and thread start. */
    private void warmUp(ConversionSpec spec) {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            long stride = converter.sourceRowBytes();
            MemorySegment src = arena.allocate(stride * spec.height(), 64);
            MemorySegment dst = arena.allocate(geometry.frameSize(), 64);
            for (int i = 0; i < 3; i++) {
                convert(src, stride, dst);
            }
        }
    }

    @Override
    public FrameGeometry geometry() {
        return geometry;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public boolean preloadNeedsSlot() {
        return true;
    }

    /**
     * Converts the row pairs that the frame's final prefix completes, straight into {@code slot},
     * in steps of at least {@link #PRELOAD_PAIRS}. Assumes unpadded rows (a padded frame is
     * converted whole at completion); only rows whose source bytes are final are read.
     */
    @Override
    public void preload(long blockId, MemorySegment buffer, long finalBytes, CuframesPublisher.AcquiredSlot slot) {
        if (slot == null) {
            return;
        }
        if (blockId != preloadBlock || buffer.address() != preloadBuffer || slot.seq() != preloadSlotSeq) {
            preloadBlock = blockId; // another frame or slot: nothing of it is converted yet
            preloadBuffer = buffer.address();
            preloadSlotSeq = slot.seq();
            preloadPairs = 0;
        }
        int ready = converter.readyPairs(Math.min(finalBytes, buffer.byteSize()), converter.sourceRowBytes());
        if (ready - preloadPairs < PRELOAD_PAIRS || ready == converter.pairs()) {
            return; // too little yet, or the whole frame: that is write()'s job
        }
        convert(buffer, converter.sourceRowBytes(), slot.host(), preloadPairs, ready);
        preloadPairs = ready;
    }

    @Override
    public long preloadedFrames() {
        return preloadedFrames;
    }

    /** A new camera session: block ids restart and buffers change, so no earlier preload state may match. */
    @Override
    public FrameMemory registerFrameMemory(java.util.List<MemorySegment> buffers) {
        preloadBlock = -1;
        return () -> preloadBlock = -1;
    }

    @Override
    public void write(Frame frame, CuframesPublisher.AcquiredSlot slot) {
        long stride = converter.sourceRowBytes() + frame.paddingX();
        int from = 0;
        if (frame.blockId() == preloadBlock && frame.buffer().address() == preloadBuffer && slot.seq() == preloadSlotSeq
                && stride == converter.sourceRowBytes()) {
            from = preloadPairs;
        }
        preloadBlock = -1;
        if (from > 0) {
            preloadedFrames++;
        }
        convert(frame.payload(), stride, slot.host(), from, converter.pairs());
    }

    @Override
    public void write(MemorySegment src, long strideBytes, CuframesPublisher.AcquiredSlot slot) {
        preloadBlock = -1;
        convert(src, strideBytes, slot.host());
    }

    private void convert(MemorySegment src, long stride, MemorySegment dst) {
        convert(src, stride, dst, 0, converter.pairs());
    }

    private void convert(MemorySegment src, long stride, MemorySegment dst, int fromPair, int toPair) {
        switch (format) {
            case NV12 -> {
                long yBytes = geometry.chromaOffset();
                converter.toNv12(src, stride, dst.asSlice(0, yBytes), geometry.pitchY(),
                        dst.asSlice(yBytes, geometry.frameSize() - yBytes), geometry.pitchUv(), fromPair, toPair);
            }
            case RGBA -> converter.toRgba(src, stride, dst.asSlice(0, geometry.frameSize()), geometry.pitchY(),
                    fromPair, toPair);
            case NATIVE -> converter.copyNative(src, stride, dst.asSlice(0, geometry.frameSize()), geometry.pitchY(),
                    fromPair, toPair);
        }
    }

    @Override
    public void close() {
        converter.close();
    }
}
