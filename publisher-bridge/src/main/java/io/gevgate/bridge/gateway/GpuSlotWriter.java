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
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU path: each complete frame is staged into one pinned host buffer (allocated once, so the
 * H2D copy is true asynchronous DMA), then {@link GpuConverter} copies and converts it on the
 * camera's stream straight into the VMM slot (the slot's device pointer and the publisher's
 * pitches). The only wait is on that frame's own completion event; the output never returns to
 * the host. NATIVE is a pitched copy into the slot, no kernel.
 *
 * <p>Frames from a GVSP receiver whose buffers were pinned through {@link #registerFrameMemory}
 * (once per camera session; the gateway unpins them before the session closes) skip the staging
 * copy: {@link GpuConverter#submit} DMAs straight from the receiver's buffer. Anything else (RDMA
 * pages, a pool that could not be pinned) is staged as before.
 */
public final class GpuSlotWriter implements SlotWriter {
    /** Completions in flight: the gateway waits for each frame, so two are plenty. */
    private static final int DEPTH = 2;
    /**
     * Smallest preload DMA: fewer, larger copies while a frame arrives (each enqueue costs a few
     * µs of the gateway thread); what is left below it moves at completion.
     */
    static final long PRELOAD_CHUNK = 256 * 1024;

    private final GpuDevice device;
    private final GpuConverter converter;
    private final FrameGeometry geometry;
    private final PublishFormat format;
    private final long sourceRowBytes;
    private PinnedBuffer staging;
    private long stagingGrowths;
    private long directSubmits;
    // the frame being preloaded (SlotWriter.preload) and how much of it is in staging
    private long preloadBlock = -1;
    private long preloadBase;
    private long preloaded;
    private long preloadedFrames;
    private long preloadedPrefixBytes;

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
                submit(staging.segment(), sourceRowBytes, scratch.address(), 0).await();
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

    /** Frames converted straight from pinned receiver memory (no staging copy). */
    public long directSubmits() {
        return directSubmits;
    }

    /** Bytes of completed frames that were already on the device at completion (the preloaded prefixes), in total. */
    public long preloadedPrefixBytes() {
        return preloadedPrefixBytes;
    }

    @Override
    public long preloadedFrames() {
        return preloadedFrames;
    }

    /** Bytes moved ahead of completion, in total (including frames that then never completed). */
    public long preloadedBytes() {
        return converter.preloadedBytes();
    }

    @Override
    public void preload(long blockId, MemorySegment buffer, long finalBytes, CuframesPublisher.AcquiredSlot slot) {
        long address = buffer.address();
        if (blockId != preloadBlock || address != preloadBase) {
            preloadBlock = blockId; // another frame: whatever was preloaded belongs to the old one
            preloadBase = address;
            preloaded = 0;
        }
        long to = Math.min(finalBytes, converter.sourceBytes(sourceRowBytes));
        if (to - preloaded < PRELOAD_CHUNK) {
            return;
        }
        long end = converter.preload(address, preloaded, to);
        if (end > 0) {
            preloaded = end;
        }
    }

    /** Pins every buffer (all or none: a failure unpins what was pinned and rethrows). */
    @Override
    public FrameMemory registerFrameMemory(List<MemorySegment> buffers) {
        List<PinnedBuffer> pinned = new ArrayList<>(buffers.size());
        try {
            for (MemorySegment b : buffers) {
                pinned.add(device.registerHost(b));
            }
        } catch (RuntimeException e) {
            pinned.forEach(PinnedBuffer::close);
            throw e;
        }
        // every submitted frame was awaited, but a preload of a frame that never completed may
        // still be reading: drain the stream before the memory is unpinned
        return () -> {
            try {
                converter.synchronize();
            } finally {
                preloadBlock = -1;
                pinned.forEach(PinnedBuffer::close);
            }
        };
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
        long pre = 0;
        if (frame.blockId() == preloadBlock && frame.payload().address() == preloadBase) {
            pre = preloaded;
        }
        preloadBlock = -1;
        if (pre > 0) {
            preloadedFrames++;
            preloadedPrefixBytes += pre;
        }
        write(frame.payload(), sourceRowBytes + frame.paddingX(), slot, pre);
    }

    @Override
    public void write(MemorySegment src, long stride, CuframesPublisher.AcquiredSlot slot) {
        preloadBlock = -1;
        write(src, stride, slot, 0);
    }

    private void write(MemorySegment src, long stride, CuframesPublisher.AcquiredSlot slot, long preloadedPrefix) {
        long bytes = converter.sourceBytes(stride);
        if (src.byteSize() < bytes) {
            throw new ConversionException(String.format("frame payload: expected >= %d bytes (stride %d) but found %d",
                    bytes, stride, src.byteSize()));
        }
        if (device.isPinned(src.address(), bytes)) {
            // the receiver's buffer is pinned for this session: DMA from it, no staging copy
            directSubmits++;
            submit(src, stride, slot.pointer(), preloadedPrefix).await();
            return;
        }
        ensureStaging(bytes);
        MemorySegment.copy(src, 0, staging.segment(), 0, bytes);
        // The gateway publishes right after this return (publishWritten, no context sync): the
        // await on this frame's done event is what makes the slot complete.
        submit(staging.segment(), stride, slot.pointer(), 0).await();
    }

    private GpuCompletion submit(MemorySegment src, long stride, long slotBase, long preloadedPrefix) {
        return switch (format) {
            case NV12 -> converter.submit(src, stride, slotBase, geometry.pitchY(),
                    slotBase + geometry.chromaOffset(), geometry.pitchUv(), preloadedPrefix);
            case RGBA, NATIVE -> converter.submit(src, stride, slotBase, geometry.pitchY(), 0, 0, preloadedPrefix);
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
