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
    private final FrameConverter converter;
    private final FrameGeometry geometry;
    private final PublishFormat format;

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
    public void write(Frame frame, CuframesPublisher.AcquiredSlot slot) {
        convert(frame.payload(), converter.sourceRowBytes() + frame.paddingX(), slot.host());
    }

    @Override
    public void write(MemorySegment src, long strideBytes, CuframesPublisher.AcquiredSlot slot) {
        convert(src, strideBytes, slot.host());
    }

    private void convert(MemorySegment src, long stride, MemorySegment dst) {
        switch (format) {
            case NV12 -> {
                long yBytes = geometry.chromaOffset();
                converter.toNv12(src, stride, dst.asSlice(0, yBytes), geometry.pitchY(),
                        dst.asSlice(yBytes, geometry.frameSize() - yBytes), geometry.pitchUv());
            }
            case RGBA -> converter.toRgba(src, stride, dst.asSlice(0, geometry.frameSize()), geometry.pitchY());
            case NATIVE -> converter.copyNative(src, stride, dst.asSlice(0, geometry.frameSize()), geometry.pitchY());
        }
    }

    @Override
    public void close() {
        converter.close();
    }
}
