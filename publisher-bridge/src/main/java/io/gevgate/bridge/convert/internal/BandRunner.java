package io.gevgate.bridge.convert.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs band 0 of a job on the calling thread and bands 1..n-1 on parked worker threads, without
 * allocating per run (an executor would allocate a Future or task object per frame).
 *
 * <p>Hand-off: the caller stores the job, then bumps the volatile {@code generation}; a worker
 * that sees a new generation runs its band and decrements {@code pending}; the last one unparks
 * the caller. The volatile write/read pair and the atomic decrement give the happens-before edges
 * for the job's plain fields and for the rows the bands wrote. One run at a time (not re-entrant).
 */
public final class BandRunner implements AutoCloseable {

    /** A unit of parallel work, split into bands by index. */
    @FunctionalInterface
    public interface Job {
        void runBand(int band);
    }

    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Job job;
    private volatile Thread caller;
    private volatile Throwable failure;

    /** @param bands total bands per run, including the caller's (1 = no worker threads) */
    public BandRunner(int bands, String threadName) {
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be >= 1, was " + bands);
        }
        workers = new Thread[bands - 1];
        for (int i = 0; i < workers.length; i++) {
            int band = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name(threadName + "-" + band).unstarted(() -> workLoop(band));
            workers[i].start();
        }
    }

    public int bands() {
        return workers.length + 1;
    }

    /** True when every worker thread may access {@code segment} (false for another thread's confined arena). */
    public boolean workersCanAccess(java.lang.foreign.MemorySegment segment) {
        for (Thread worker : workers) {
            if (!segment.isAccessibleBy(worker)) {
                return false;
            }
        }
        return true;
    }

    /** Runs every band one after the other on the calling thread (same result as {@link #run}). */
    public void runOnCaller(Job work) {
        for (int band = 0; band < bands(); band++) {
            work.runBand(band);
        }
    }

    /** Runs every band of {@code work} and returns when all are done; rethrows the first band failure. */
    public void run(Job work) {
        if (closed) {
            throw new IllegalStateException("band runner closed");
        }
        if (workers.length == 0) {
            work.runBand(0);
            return;
        }
        failure = null;
        job = work;
        caller = Thread.currentThread();
        pending.set(workers.length);
        generation = generation + 1;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        try {
            work.runBand(0);
        } finally {
            while (pending.get() != 0) {
                LockSupport.park(this);
            }
            job = null;
        }
        Throwable failed = failure;
        if (failed instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failed instanceof Error error) {
            throw error;
        }
    }

    private void workLoop(int band) {
        int seen = 0;
        while (!closed) {
            int current = generation;
            if (current == seen) {
                LockSupport.park(this);
                continue;
            }
            seen = current;
            try {
                job.runBand(band);
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
