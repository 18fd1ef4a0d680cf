package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;

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

    /** Converts/copies {@code frame} into {@code slot}; the frame stays owned by the caller. */
    void write(Frame frame, CuframesPublisher.AcquiredSlot slot);

    @Override
    void close();
}
