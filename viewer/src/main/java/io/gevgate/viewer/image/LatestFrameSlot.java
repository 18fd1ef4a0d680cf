package io.gevgate.viewer.image;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-image mailbox between a converter thread and the FX pulse: the producer replaces whatever
 * is there, the pulse takes the newest. Images replaced before the pulse saw them are counted, not
 * queued: the preview must show the newest frame, never fall behind.
 */
public final class LatestFrameSlot {
    private final AtomicReference<ArgbImage> slot = new AtomicReference<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public void offer(ArgbImage image) {
        offered.incrementAndGet();
        if (slot.getAndSet(image) != null) {
            skipped.incrementAndGet();
        }
    }

    /** The newest image not taken yet, or null. */
    public ArgbImage take() {
        return slot.getAndSet(null);
    }

    public long offered() {
        return offered.get();
    }

    /** Images that never reached the screen because a newer one replaced them first. */
    public long skipped() {
        return skipped.get();
    }
}
