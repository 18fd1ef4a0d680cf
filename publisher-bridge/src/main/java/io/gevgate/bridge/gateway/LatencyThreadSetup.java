package io.gevgate.bridge.gateway;

import io.gevgate.linux.LinuxException;
import io.gevgate.linux.ThreadScheduling;

import java.util.List;

/**
 * Real-time priority and CPU pinning for the gateway's two latency-critical threads: the stream's
 * receive thread and the gateway thread (hand-off, conversion, publish). Why: on a loaded or
 * virtualised host the time-sharing scheduler, not the work, sets the latency tail. A refusal
 * (no CAP_SYS_NICE, a CPU outside the cpuset) is logged as a warning and the stream runs on
 * normally scheduled: latency tuning never stops acquisition.
 */
final class LatencyThreadSetup {
    private static final System.Logger LOG = System.getLogger(LatencyThreadSetup.class.getName());

    private final int priority; // 0 = leave the policy alone
    private final Integer cpu;  // null = leave the affinity alone

    LatencyThreadSetup(int priority, Integer cpu) {
        this.priority = priority;
        this.cpu = cpu;
    }

    boolean active() {
        return priority > 0 || cpu != null;
    }

    /**
     * Applies the settings to the calling thread; returns what took effect, e.g. "SCHED_FIFO 20,
     * CPU 3", or "normal" when nothing was asked.
     */
    String applyToCurrentThread(String role) {
        StringBuilder done = new StringBuilder();
        if (priority > 0) {
            try {
                ThreadScheduling.makeCurrentRealtime(priority);
                done.append("SCHED_FIFO ").append(priority);
            } catch (LinuxException e) {
                LOG.log(System.Logger.Level.WARNING, role + " thread stays normally scheduled: " + e.getMessage());
            }
        }
        if (cpu != null) {
            try {
                ThreadScheduling.pinCurrent(List.of(cpu));
                done.append(done.isEmpty() ? "" : ", ").append("CPU ").append(cpu);
            } catch (LinuxException e) {
                LOG.log(System.Logger.Level.WARNING, role + " thread not pinned: " + e.getMessage());
            }
        }
        String result = done.isEmpty() ? "normal" : done.toString();
        if (active()) {
            LOG.log(System.Logger.Level.INFO, role + " thread: " + result);
        }
        return result;
    }

    /** Undoes {@link #applyToCurrentThread} for a thread that goes on to do other work. */
    void restoreCurrentThread(List<Integer> affinity) {
        try {
            if (priority > 0 && ThreadScheduling.currentPolicy() != ThreadScheduling.SCHED_OTHER) {
                ThreadScheduling.makeCurrentNormal();
            }
            if (cpu != null) {
                ThreadScheduling.pinCurrent(affinity);
            }
        } catch (LinuxException e) {
            LOG.log(System.Logger.Level.WARNING, "gateway thread scheduling not restored: " + e.getMessage());
        }
    }
}
