package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.simulator.stream.TestPattern;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The expected published bytes of simulator frame {@code n}: the simulator's self-checking image
 * pattern (salt 0) run through the CPU reference conversion. Published frames carry no frame
 * counter after conversion, so {@link #find} searches the counters that can come next.
 */
final class PatternReference implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final FrameConverter converter;
    private final FrameGeometry geometry;
    private final PublishFormat format;
    private final MemorySegment raw;
    private final MemorySegment expected;
    private final long rawBytes;

    PatternReference(ConversionSpec spec, PublishFormat format, FrameGeometry geometry) {
        this.converter = FrameConverter.create(spec, 1);
        this.geometry = geometry;
        this.format = format;
        this.rawBytes = converter.sourceRowBytes() * spec.height();
        this.raw = arena.allocate(rawBytes, 64);
        this.expected = arena.allocate(geometry.frameSize(), 64);
    }

    /** The expected slot bytes for simulator frame counter {@code n}. */
    MemorySegment expected(long n) {
        TestPattern.fill(raw, 0, rawBytes, n, 0);
        long stride = converter.sourceRowBytes();
        switch (format) {
            case NV12 -> {
                long y = geometry.chromaOffset();
                converter.toNv12(raw, stride, expected.asSlice(0, y), geometry.pitchY(),
                        expected.asSlice(y, geometry.frameSize() - y), geometry.pitchUv());
            }
            case RGBA -> converter.toRgba(raw, stride, expected, geometry.pitchY());
            case NATIVE -> converter.copyNative(raw, stride, expected, geometry.pitchY());
        }
        return expected;
    }

    /**
     * Mono8 published as full-range NV12 keeps every pixel as its luma (Y = v exactly: the luma row
     * of the full-range tables sums to 65536), so the pattern's header, and with it the frame
     * counter, can be read from the Y plane. The whole frame is then compared with the reference
     * conversion of that counter.
     *
     * @return the counter when the frame equals its reference, else -1
     */
    long identify(MemorySegment frame) {
        long counter = frame.get(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 4);
        if (counter < 0) {
            return -1;
        }
        return frame.mismatch(expected(counter)) < 0 ? counter : -1;
    }

    @Override
    public void close() {
        converter.close();
        arena.close();
    }
}
