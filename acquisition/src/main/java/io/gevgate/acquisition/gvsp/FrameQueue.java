package io.gevgate.acquisition.gvsp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded lock-free hand-off of finished frames from the receiver thread to one consumer. When
 * the consumer falls behind, the receiver drops the oldest waiting frame (returning its buffer to
 * the pool) and counts it: the newest data wins, and the receiver never blocks.
 */
final class FrameQueue {
    private final BoundedMpmcQueue<Frame> queue;
    private final int limit;
    private final ReceiverCounters counters;
    private volatile Thread waiter;

    FrameQueue(int capacity, ReceiverCounters counters) {
        this.queue = new BoundedMpmcQueue<>(capacity);
        this.limit = capacity; // the ring rounds up to a power of two; the hand-off bound is exact
        this.counters = counters;
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
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
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
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Frame f = queue.poll();
        while (f == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            waiter = Thread.currentThread();
            f = queue.poll(); // re-check after announcing ourselves, so no wake-up is lost
            if (f == null) {
                LockSupport.parkNanos(this, Math.min(left, 10_000_000L));
                if (Thread.interrupted()) {
                    waiter = null;
                    throw new InterruptedException();
                }
                f = queue.poll();
            }
            waiter = null;
        }
        return f;
    }

    int size() {
        return queue.size();
    }
}
