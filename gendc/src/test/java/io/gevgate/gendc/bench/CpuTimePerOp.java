package io.gevgate.gendc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Companion to the JMH run for loaded machines: the same three operations as
 * {@link DescriptorParseBenchmark}, timed by the thread's CPU time instead of wall time, so time
 * spent descheduled (other processes on a shared host) does not count. Prints a table and writes
 * one JSON object to the file given as the first argument. Not a JMH replacement: no forking,
 * blackholes or statistics beyond the median of 7 rounds.
 */
public final class CpuTimePerOp {
    private static final int WARMUP_OPS = 2_000_000;
    private static final int OPS_PER_ROUND = 1_000_000;
    private static final int ROUNDS = 7;

    private CpuTimePerOp() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DescriptorParseBenchmark b = new DescriptorParseBenchmark();
        b.setUp();
        String[] names = {"baselineRawWalkNoValidation", "parseValidateDescriptorWithFlowTable", "parseValidateLinear"};
        double[] median = new double[names.length];
        long sink = 0;
        for (int k = 0; k < names.length; k++) {
            for (int i = 0; i < WARMUP_OPS; i++) {
                sink += op(b, k);
            }
            double[] rounds = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < OPS_PER_ROUND; i++) {
                    sink += op(b, k);
                }
                rounds[r] = (threads.getCurrentThreadCpuTime() - start) / (double) OPS_PER_ROUND;
            }
            Arrays.sort(rounds);
            median[k] = rounds[ROUNDS / 2];
        }
        b.tearDown();
        StringBuilder json = new StringBuilder("{\"unit\":\"cpu ns/op\",\"rounds\":" + ROUNDS
                + ",\"opsPerRound\":" + OPS_PER_ROUND + ",\"sink\":" + sink);
        System.out.printf(Locale.ROOT, "%n%-42s %12s %11s%n", "benchmark (thread CPU time)", "cpu ns/op", "x baseline");
        for (int k = 0; k < names.length; k++) {
            System.out.printf(Locale.ROOT, "%-42s %12.1f %11.1f%n", names[k], median[k], median[k] / median[0]);
            json.append(String.format(Locale.ROOT, ",\"%s\":%.1f", names[k], median[k]));
        }
        json.append('}');
        if (args.length > 0) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), json + "\n");
        }
    }

    private static long op(DescriptorParseBenchmark b, int k) throws Exception {
        return switch (k) {
            case 0 -> b.baselineRawWalkNoValidation();
            case 1 -> b.parseValidateDescriptorWithFlowTable();
            default -> b.parseValidateLinear();
        };
    }
}
