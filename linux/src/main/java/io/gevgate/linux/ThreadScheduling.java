package io.gevgate.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Scheduling of the CALLING thread (sched(7)): real-time FIFO priority and CPU affinity. Latency
 * critical threads (a stream's receive thread, the gateway thread that converts and publishes)
 * use it so that host load does not decide when they wake. Linux applies these per thread when
 * the pid argument is 0, which is how every call here is made.
 */
public final class ThreadScheduling {
    public static final int SCHED_OTHER = 0;
    public static final int SCHED_FIFO = 1;
    /** Bytes of the affinity mask passed to the kernel: 1024 CPUs, as glibc's cpu_set_t. */
    private static final int MASK_BYTES = 128;
    private static final int MAX_CPUS = MASK_BYTES * 8;

    private ThreadScheduling() {
    }

    /**
     * Makes the calling thread SCHED_FIFO at {@code priority} (1..99). Needs CAP_SYS_NICE or an
     * RLIMIT_RTPRIO of at least {@code priority}; the kernel's RT throttling
     * (/proc/sys/kernel/sched_rt_runtime_us) still leaves other threads a share of each CPU.
     *
     * @throws LinuxException EPERM without the privilege (the message says what grants it)
     */
    public static void makeCurrentRealtime(int priority) {
        if (priority < 1 || priority > 99) {
            throw new IllegalArgumentException("real-time priority must be 1..99, got " + priority);
        }
        setScheduler(SCHED_FIFO, priority);
    }

    /** Returns the calling thread to the normal time-sharing policy (SCHED_OTHER). */
    public static void makeCurrentNormal() {
        setScheduler(SCHED_OTHER, 0);
    }

    private static void setScheduler(int policy, int priority) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment param = a.allocate(JAVA_INT); // struct sched_param { int sched_priority; }
            param.set(JAVA_INT, 0, priority);
            if (Libc.schedSetscheduler(0, policy, param) != 0) {
                int errno = Libc.lastErrno();
                throw new LinuxException("sched_setscheduler", errno, errno == Errno.EPERM
                        ? "a real-time priority needs CAP_SYS_NICE or 'ulimit -r " + priority + "' (RLIMIT_RTPRIO)"
                        : "policy " + policy + ", priority " + priority);
            }
        }
    }

    /** The calling thread's policy: {@link #SCHED_OTHER}, {@link #SCHED_FIFO}, or another sched(7) value. */
    public static int currentPolicy() {
        return (int) Libc.check("sched_getscheduler", Libc.schedGetscheduler(0), null);
    }

    /**
     * Restricts the calling thread to {@code cpus} (CPU numbers as in /proc/cpuinfo, 0..1023).
     *
     * @throws LinuxException EINVAL when none of them is online and allowed by the cpuset
     */
    public static void pinCurrent(List<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("at least one CPU is needed");
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(MASK_BYTES, 8);
            for (int cpu : cpus) {
                if (cpu < 0 || cpu >= MAX_CPUS) {
                    throw new IllegalArgumentException("CPU number must be 0.." + (MAX_CPUS - 1) + ", got " + cpu);
                }
                long at = (cpu / 64) * 8L;
                mask.set(JAVA_LONG, at, mask.get(JAVA_LONG, at) | (1L << (cpu % 64)));
            }
            Libc.check("sched_setaffinity", Libc.schedSetaffinity(0, MASK_BYTES, mask), "CPUs " + cpus);
        }
    }

    /** The CPUs the calling thread may run on, ascending. */
    public static List<Integer> currentAffinity() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(MASK_BYTES, 8);
            Libc.check("sched_getaffinity", Libc.schedGetaffinity(0, MASK_BYTES, mask), null);
            List<Integer> cpus = new ArrayList<>();
            for (int cpu = 0; cpu < MAX_CPUS; cpu++) {
                if ((mask.get(JAVA_LONG, (cpu / 64) * 8L) & (1L << (cpu % 64))) != 0) {
                    cpus.add(cpu);
                }
            }
            return cpus;
        }
    }
}
