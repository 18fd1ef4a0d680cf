package io.gevgate.simulator.bench;

import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Helper of bench/gvcp-readreg.sh (not a test). {@code sim ADDRESS SECONDS} runs a simulator for a
 * bounded time; {@code client ADDRESS COUNT WARMUP REGISTER} times COUNT READREG round trips of our
 * client after WARMUP untimed ones and prints {@code OURS median_us p99_us mean_us count}.
 */
public final class ReadRegBenchMain {
    private ReadRegBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress address = InetAddress.getByName(args[1]);
        if (args[0].equals("sim")) {
            try (SimulatedDevice d = SimulatedDevice.start(SimulatorConfig.defaults(address))) {
                System.out.println("SIM READY " + d.gvcpAddress());
                System.out.flush();
                Thread.sleep(Long.parseLong(args[2]) * 1000);
            }
            return;
        }
        int count = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int register = Integer.decode(args[4]);
        long[] ns = new long[count];
        try (GvcpClient c = GvcpClient.open(address)) {
            for (int i = 0; i < warmup; i++) {
                c.readRegister(register);
            }
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                c.readRegister(register);
                ns[i] = System.nanoTime() - t0;
            }
            if (c.counters().retries() != 0) {
                System.out.println("WARNING retries=" + c.counters().retries());
            }
        }
        Arrays.sort(ns);
        double mean = Arrays.stream(ns).average().orElse(0) / 1000.0;
        System.out.printf("OURS %.2f %.2f %.2f %d%n", ns[count / 2] / 1000.0, ns[(int) Math.ceil(count * 0.99) - 1] / 1000.0, mean, count);
    }
}
