package io.gevgate.bridge.convert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Thread CPU time per operation, as JMH secondary counters (cpuNanos / frames). On a shared,
 * overloaded machine the wall-clock score includes time the benchmark thread spent descheduled;
 * CPU time does not, so it is the steadier figure there. Only meaningful for single-threaded
 * work (worker threads' CPU time is not counted). Overhead: two clock reads per frame (~1 us).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long frames;

    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        frames = 0;
    }

    long start() {
        return THREADS.getCurrentThreadCpuTime();
    }

    void stop(long start) {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        frames++;
    }
}
