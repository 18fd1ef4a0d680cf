package io.gevgate.acquisition.gvsp;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded lock-free hand-off of finished frames from the receiver thread to one consumer. When
 * the consumer falls behind, the receiver drops the oldest waiting frame (returning its buffer to
 * the pool) and counts it: the newest data wins, and the receiver never blocks.
 *
 * <p>How the consumer waits is its {@link HandoffWait}: parked until the hand-off, or (ADAPTIVE,
 * SPIN) woken when a frame starts arriving and kept awake until it is handed over.
 */
final class FrameQueue {
    /** ADAPTIVE's re-check interval while a frame is on the wire (a timed park; the OS adds its timer slack). */
    static final long POLL_NANOS = 20_000L;
    /** Longest single park; the caller's timeout bounds the whole wait. */
    static final long MAX_PARK_NANOS = 10_000_000L;

    private final BoundedMpmcQueue<Frame> queue;
    private final int limit;
    private final ReceiverCounters counters;
    private final HandoffWait wait;
    private final long maxParkNanos;
    private volatile Thread waiter;
    /** Frames the receiver has open (first packet seen, not yet closed); written by the receiver only. */
    private volatile int receiving;

    FrameQueue(int capacity, ReceiverCounters counters) {
        this(capacity, counters, HandoffWait.BLOCK);
    }

    FrameQueue(int capacity, ReceiverCounters counters, HandoffWait wait) {
        this(capacity, counters, wait, MAX_PARK_NANOS);
    }

    /** Tests: a longer {@code maxParkNanos} shows which wake-ups a mode relies on. */
    FrameQueue(int capacity, ReceiverCounters counters, HandoffWait wait, long maxParkNanos) {
        this.maxParkNanos = maxParkNanos;
        this.queue = new BoundedMpmcQueue<>(capacity);
        this.limit = capacity; // the ring rounds up to a power of two; the hand-off bound is exact
        this.counters = counters;
        this.wait = wait;
    }

    /**
     * Receiver thread: the number of frames it has open now. When it goes from none to some, an
     * ADAPTIVE or SPIN consumer parked between frames is woken, so that it is awake (re-checking)
     * by the time the frame completes instead of paying its wake-up latency after the hand-off.
     */
    void receiving(int open) {
        int before = receiving;
        if (before == open) {
            return;
        }
        receiving = open;
        if (before == 0 && wait != HandoffWait.BLOCK) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
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
        return take(timeout, unit, null);
    }

    /**
     * Waits up to {@code timeout} for a frame; null if none arrived. ADAPTIVE and SPIN run
     * {@code whileReceiving} (if not null) before each re-check while a frame is on the wire.
     */
    Frame take(long timeout, TimeUnit unit, Runnable whileReceiving) throws InterruptedException {
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
                // receiving is read after waiter is written (both volatile): either we see the
                // frame that started, or the receiver sees us and unparks us (no lost wake-up).
                if (wait == HandoffWait.BLOCK || receiving == 0) {
                    LockSupport.parkNanos(this, Math.min(left, maxParkNanos));
                } else {
                    if (whileReceiving != null) {
                        whileReceiving.run();
                    }
                    if (wait == HandoffWait.ADAPTIVE) {
                        LockSupport.parkNanos(this, Math.min(left, POLL_NANOS));
                    } else {
                        Thread.onSpinWait();
                    }
                }
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

    /** Frames the receiver has open, as it last reported. */
    int receiving() {
        return receiving;
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
