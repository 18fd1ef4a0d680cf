package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Writes one complete camera frame into an acquired cuframes ring slot in the published
 * geometry. The seam between the gateway and a conversion back-end: {@link CpuSlotWriter} now,
 * a GPU writer (bridge.gpu) later, chosen once at start-up by {@link SlotWriters}.
 */
public interface SlotWriter extends AutoCloseable {
    /** The geometry of what lands in a slot (the publisher is created with it). */
    FrameGeometry geometry();

    /** Short name for the status line and logs ("cpu", ...). */
    String name();

    /**
     * Converts/copies a GVSP image {@code frame} (leader geometry, row padding) into {@code slot}; the frame stays owned by the caller.
     * Both {@code write} methods return only when every byte of the slot is written and visible to
     * other processes (the GPU writer waits on the frame's own "done" event), so the gateway
     * publishes with {@link CuframesPublisher#publishWritten} and no further synchronisation.
     */
    void write(Frame frame, CuframesPublisher.AcquiredSlot slot);

    /**
     * Converts/copies an image of the published geometry whose rows lie {@code strideBytes} apart
     * in {@code src} (a GenDC part over GVSP or RDMA, see {@link GenDcImageSource}) into {@code slot}.
     * Throws {@code ConversionException} when {@code src} is too small for that stride.
     */
    void write(MemorySegment src, long strideBytes, CuframesPublisher.AcquiredSlot slot);

    /**
     * Called once per camera session with the GVSP receiver's frame buffers, so that a writer can
     * read frames from where the receiver wrote them (the GPU writer pins them: DMA instead of a
     * staging copy). The gateway closes the returned handle before the session (and with it the
     * memory) goes, including on reconnect. Default: nothing to do.
     */
    default FrameMemory registerFrameMemory(List<MemorySegment> buffers) {
        return FrameMemory.NONE;
    }

    /**
     * Called on the gateway thread while a frame is still arriving: bytes [0, finalBytes) of the
     * frame with {@code blockId}, assembled in {@code buffer} (one of the registered frame
     * buffers), will not change any more. A writer may start on them (the GPU writer DMAs them to
     * the device in chunks; the CPU writer converts the rows they complete into {@code slot}) so
     * that less is left when the frame completes; {@link #write} must still give the same bytes if
     * the frame never completes or another frame comes instead. {@code slot} is the slot the
     * gateway will write that frame into (acquired early), or null unless
     * {@link #preloadNeedsSlot()}. Default: nothing.
     */
    default void preload(long blockId, MemorySegment buffer, long finalBytes, CuframesPublisher.AcquiredSlot slot) {
    }

    /** Whether {@link #preload} writes into the destination slot (the gateway then acquires it early). */
    default boolean preloadNeedsSlot() {
        return false;
    }

    /** Frames written with part of them moved ahead by {@link #preload}; 0 for writers that do not preload. */
    default long preloadedFrames() {
        return 0;
    }

    /** Undoes {@link #registerFrameMemory}; closing twice is harmless. */
    @FunctionalInterface
    interface FrameMemory extends AutoCloseable {
        FrameMemory NONE = () -> { };

        @Override
        void close();
    }

    @Override
    void close();
}
