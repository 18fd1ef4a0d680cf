package io.gevgate.bridge.gateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this whole process from {@code /proc/self/stat} (utime + stime, in clock ticks):
 * works with the bundle's jlink runtime, which has no java.management.
 */
final class ProcessCpu {
    /** USER_HZ: 100 on every Linux architecture the gateway runs on (sysconf(_SC_CLK_TCK)). */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    /** utime + stime so far, in ticks; -1 when /proc is not readable. */
    static long ticks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the parenthesised command name (which may contain spaces)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Average cores busy since {@code ticks0} / {@code wall0} (System.nanoTime); NaN if unknown. */
    static double cores(long ticks0, long wall0) {
        long t = ticks();
        double wall = (System.nanoTime() - wall0) / 1e9;
        if (t < 0 || ticks0 < 0 || wall <= 0) {
            return Double.NaN;
        }
        return (t - ticks0) / TICKS_PER_SECOND / wall;
    }
}
