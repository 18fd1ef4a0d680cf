package io.gevgate.acquisition.frames;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The waiting half of a receiver's frame hand-off, for ONE consumer thread, with the behaviour of
 * a {@link HandoffWait}: the receive thread reports frames on the wire ({@link #receiving}) and
 * hand-overs ({@link #handedOver}); the consumer waits in {@link #await} on whatever queue the
 * receiver fills. Shared by the GVSP and the RoCE receive paths so both wait the same way.
 */
public final class HandoffWaiter {
    /** ADAPTIVE's re-check interval while a frame is on the wire (a timed park; the OS adds its timer slack). */
    public static final long POLL_NANOS = 20_000L;
    /** Longest single park; the caller's timeout bounds the whole wait. */
    public static final long MAX_PARK_NANOS = 10_000_000L;

    private final HandoffWait wait;
    private final long maxParkNanos;
    private volatile Thread waiter;
    /** Frames the receiver has open (first packet seen, not yet closed); written by the receiver only. */
    private volatile int receiving;

    public HandoffWaiter(HandoffWait wait) {
        this(wait, MAX_PARK_NANOS);
    }

    /** Tests: a longer {@code maxParkNanos} shows which wake-ups a mode relies on. */
    public HandoffWaiter(HandoffWait wait, long maxParkNanos) {
        this.wait = java.util.Objects.requireNonNull(wait);
        this.maxParkNanos = maxParkNanos;
    }

    public HandoffWait mode() {
        return wait;
    }

    /**
     * Receive thread: the number of frames it has open now. When it goes from none to some, an
     * ADAPTIVE or SPIN consumer parked between frames is woken, so that it is awake (re-checking)
     * by the time the frame completes instead of paying its wake-up latency after the hand-off.
     */
    public void receiving(int open) {
        int before = receiving;
        if (before == open) {
            return;
        }
        receiving = open;
        if (before == 0 && wait != HandoffWait.BLOCK) {
            unparkWaiter();
        }
    }

    /** Frames the receiver has open, as it last reported. */
    public int receiving() {
        return receiving;
    }

    /** Receive thread: a frame was put where {@code await}'s poll finds it. */
    public void handedOver() {
        unparkWaiter();
    }

    private void unparkWaiter() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Consumer thread: {@code poll} until it returns a frame or {@code timeout} passes (then null).
     * ADAPTIVE and SPIN run {@code whileReceiving} (if not null) before each re-check while a frame
     * is on the wire.
     */
    public <T> T await(Supplier<T> poll, long timeout, TimeUnit unit, Runnable whileReceiving) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        T f = poll.get();
        while (f == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            waiter = Thread.currentThread();
            f = poll.get(); // re-check after announcing ourselves, so no wake-up is lost
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
                f = poll.get();
            }
            waiter = null;
        }
        return f;
    }
}
