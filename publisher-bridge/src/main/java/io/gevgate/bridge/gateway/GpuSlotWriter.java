package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.convert.ConversionException;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.gpu.DeviceBuffer;
import io.gevgate.bridge.gpu.GpuCompletion;
import io.gevgate.bridge.gpu.GpuConverter;
import io.gevgate.bridge.gpu.GpuDevice;
import io.gevgate.bridge.gpu.PinnedBuffer;

import java.lang.foreign.MemorySegment;

/**
 * The GPU path: each complete frame is staged into one pinned host buffer (allocated once, so the
 * H2D copy is true asynchronous DMA), then {@link GpuConverter} copies and converts it on the
 * camera's stream straight into the VMM slot (the slot's device pointer and the publisher's
 * pitches). The only wait is on that frame's own completion event; the output never returns to
 * the host. NATIVE is a pitched copy into the slot, no kernel.
 *
 * <p>Why a staging copy instead of pinning the receiver's frame buffers: those belong to the GVSP
 * receiver and are freed when a lost camera's session closes; registering memory whose lifetime
 * we do not own would leave dangling registrations across reconnects.
 */
public final class GpuSlotWriter implements SlotWriter {
    /** Completions in flight: the gateway waits for each frame, so two are plenty. */
    private static final int DEPTH = 2;

    private final GpuDevice device;
    private final GpuConverter converter;
    private final FrameGeometry geometry;
    private final PublishFormat format;
    private final long sourceRowBytes;
    private PinnedBuffer staging;
    private long stagingGrowths;

    /** Takes ownership of {@code device} (closed with this writer). */
    public GpuSlotWriter(GpuDevice device, ConversionSpec spec, PublishFormat format, FrameGeometry geometry) {
        this.device = device;
        this.geometry = geometry;
        this.format = format;
        this.sourceRowBytes = spec.layout().rowBytes(spec.width());
        OutputFormat out = switch (format) {
            case NV12 -> OutputFormat.NV12;
            case RGBA -> OutputFormat.RGBA8;
            case NATIVE -> OutputFormat.NATIVE;
        };
        this.converter = device.converter(spec, out, DEPTH);
        this.staging = device.allocatePinned(converter.sourceBytes(sourceRowBytes));
        warmUp();
    }

    /** A few conversions of a blank frame into scratch device memory: the first camera frame pays no lazy module/launch set-up. */
    private void warmUp() {
        staging.segment().fill((byte) 0);
        try (DeviceBuffer scratch = device.allocateDevice(geometry.frameSize())) {
            for (int i = 0; i < 3; i++) {
                submit(staging.segment(), sourceRowBytes, scratch.address()).await();
            }
        }
    }

    public GpuDevice device() {
        return device;
    }

    /** Times the pinned staging buffer had to grow (a camera with row padding larger than seen before). */
    public long stagingGrowths() {
        return stagingGrowths;
    }

    /** Frames the converter copied from unpinned memory (must stay 0: staging is pinned). */
    public long unpinnedSubmits() {
        return converter.unpinnedSubmits();
    }

    @Override
    public FrameGeometry geometry() {
        return geometry;
    }

    @Override
    public String name() {
        return "gpu:" + device.info().ordinal();
    }

    @Override
    public void write(Frame frame, CuframesPublisher.AcquiredSlot slot) {
        write(frame.payload(), sourceRowBytes + frame.paddingX(), slot);
    }

    @Override
    public void write(MemorySegment src, long stride, CuframesPublisher.AcquiredSlot slot) {
        long bytes = converter.sourceBytes(stride);
        if (src.byteSize() < bytes) {
            throw new ConversionException(String.format("frame payload: expected >= %d bytes (stride %d) but found %d",
                    bytes, stride, src.byteSize()));
        }
        ensureStaging(bytes);
        MemorySegment.copy(src, 0, staging.segment(), 0, bytes);
        // The publisher's publish() follows this return: the slot must be complete by then.
        submit(staging.segment(), stride, slot.pointer()).await();
    }

    private GpuCompletion submit(MemorySegment src, long stride, long slotBase) {
        return switch (format) {
            case NV12 -> converter.submit(src, stride, slotBase, geometry.pitchY(),
                    slotBase + geometry.chromaOffset(), geometry.pitchUv());
            case RGBA, NATIVE -> converter.submit(src, stride, slotBase, geometry.pitchY(), 0, 0);
        };
    }

    private void ensureStaging(long bytes) {
        if (staging.segment().byteSize() >= bytes) {
            return;
        }
        // every earlier frame was awaited: no copy still reads the old buffer
        staging.close();
        staging = device.allocatePinned(bytes);
        stagingGrowths++;
    }

    @Override
    public void close() {
        try {
            converter.close();
            staging.close();
        } finally {
            device.close();
        }
    }
}
