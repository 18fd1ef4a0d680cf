package io.gevgate.acquisition.gvsp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Preallocated frame buffers (host memory, 4 KiB aligned). The receiver takes free frames; a
 * consumer's {@link Frame#release()} puts them back from any thread, lock-free.
 */
final class FramePool implements AutoCloseable {
    // An automatic arena: a consumer may still hold a frame when the receiver closes, so the
    // memory must live until the last frame object becomes unreachable.
    private final Arena arena = Arena.ofAuto();
    private final Frame[] frames;
    private final List<MemorySegment> buffers;
    private final BoundedMpmcQueue<Frame> free;

    FramePool(int count, long bufferBytes, int maxPackets, int maxFlows) {
        frames = new Frame[count];
        free = new BoundedMpmcQueue<>(count);
        MemorySegment[] bufs = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            MemorySegment buf = arena.allocate(bufferBytes, 4096);
            bufs[i] = buf;
            frames[i] = new Frame(this, buf, maxPackets, maxFlows);
            free.offer(frames[i]);
        }
        buffers = List.of(bufs);
    }

    /** Every frame buffer, in pool order (fixed for the pool's life). */
    List<MemorySegment> buffers() {
        return buffers;
    }

    /** A free frame, or null when every buffer is in use. */
    Frame acquire() {
        return free.poll();
    }

    void recycle(Frame f) {
        free.offer(f);
    }

    int freeCount() {
        return free.size();
    }

    int size() {
        return frames.length;
    }

    @Override
    public void close() {
        // Nothing to free eagerly: see the arena comment.
    }
}
