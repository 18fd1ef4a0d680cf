package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;
import io.gevgate.acquisition.frames.HandoffWaiter;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounded lock-free hand-off of finished frames from the receiver thread to one consumer. When
 * the consumer falls behind, the receiver drops the oldest waiting frame (returning its buffer to
 * the pool) and counts it: the newest data wins, and the receiver never blocks.
 *
 * <p>How the consumer waits is its {@link HandoffWait}: parked until the hand-off, or (ADAPTIVE,
 * SPIN) woken when a frame starts arriving and kept awake until it is handed over.
 */
final class FrameQueue {
    private final BoundedMpmcQueue<Frame> queue;
    private final int limit;
    private final ReceiverCounters counters;
    private final HandoffWaiter waiter;
    private final Supplier<Frame> poll; // created once: no allocation per take

    FrameQueue(int capacity, ReceiverCounters counters) {
        this(capacity, counters, HandoffWait.BLOCK);
    }

    FrameQueue(int capacity, ReceiverCounters counters, HandoffWait wait) {
        this(capacity, counters, wait, HandoffWaiter.MAX_PARK_NANOS);
    }

    /** Tests: a longer {@code maxParkNanos} shows which wake-ups a mode relies on. */
    FrameQueue(int capacity, ReceiverCounters counters, HandoffWait wait, long maxParkNanos) {
        this.queue = new BoundedMpmcQueue<>(capacity);
        this.limit = capacity; // the ring rounds up to a power of two; the hand-off bound is exact
        this.counters = counters;
        this.waiter = new HandoffWaiter(wait, maxParkNanos);
        this.poll = queue::poll;
    }

    /** Receiver thread: the number of frames it has open now (see {@link HandoffWaiter#receiving(int)}). */
    void receiving(int open) {
        waiter.receiving(open);
    }

    /** Receiver thread only. */
    void publish(Frame f) {
        f.acquireOwnership();
        while (queue.size() >= limit || !queue.offer(f)) {
            Frame oldest = queue.poll();
            if (oldest != null) {
                counters.increment(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER);
                oldest.release();
            }
        }
        waiter.handedOver();
    }

    /** Receiver thread: discards the oldest waiting frame (buffer back to the pool); false if none. */
    boolean dropOldest() {
        Frame oldest = queue.poll();
        if (oldest == null) {
            return false;
        }
        counters.increment(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER);
        oldest.release();
        return true;
    }

    Frame poll() {
        return queue.poll();
    }

    /** Waits up to {@code timeout} for a frame; null if none arrived. */
    Frame take(long timeout, TimeUnit unit) throws InterruptedException {
        return take(timeout, unit, null);
    }

    /**
     * Waits up to {@code timeout} for a frame; null if none arrived. ADAPTIVE and SPIN run
     * {@code whileReceiving} (if not null) before each re-check while a frame is on the wire.
     */
    Frame take(long timeout, TimeUnit unit, Runnable whileReceiving) throws InterruptedException {
        return waiter.await(poll, timeout, unit, whileReceiving);
    }

    /** Frames the receiver has open, as it last reported. */
    int receiving() {
        return waiter.receiving();
    }

    /** Tests: queues a frame without waking the consumer (what a lost or late unpark looks like). */
    void offerWithoutWake(Frame f) {
        f.acquireOwnership();
        if (!queue.offer(f)) {
            throw new IllegalStateException("hand-off queue full");
        }
    }

    int size() {
        return queue.size();
    }
}
