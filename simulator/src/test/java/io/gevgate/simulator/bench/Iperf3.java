package io.gevgate.simulator.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel UDP baseline for benchmarks: {@code iperf3 -u} at full speed on a loopback address,
 * server and client started here and stopped by PID.
 */
public final class Iperf3 {
    private static final Path BIN = Path.of("/usr/bin/iperf3");

    private Iperf3() {
    }

    /**
     * One iperf3 UDP run; returns {received MB/s, loss %}, or NaNs when iperf3 is not installed.
     *
     * @param address    loopback address the server binds and the client sends to
     * @param bindClient also bind the client to {@code address} ({@code -B})
     * @param window     socket buffer size asked of iperf3 ({@code -w})
     * @param logServerPid print the server's PID when stopping it
     */
    public static double[] udp(String address, boolean bindClient, int port, long window, int datagram, int seconds,
                               boolean logServerPid) throws Exception {
        if (!Files.isExecutable(BIN)) {
            System.out.println("iperf3 not installed: kernel baseline skipped");
            return new double[] {Double.NaN, Double.NaN};
        }
        Process server = new ProcessBuilder(BIN.toString(), "-s", "-B", address, "-p", String.valueOf(port), "-1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(500);
            List<String> cmd = new ArrayList<>(List.of(BIN.toString(), "-u", "-c", address, "-p", String.valueOf(port)));
            if (bindClient) {
                cmd.addAll(List.of("-B", address));
            }
            cmd.addAll(List.of("-l", String.valueOf(datagram), "-b", "0", "-w", String.valueOf(window),
                    "-t", String.valueOf(seconds), "-J"));
            Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String json;
            try {
                json = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                client.waitFor(seconds + 20L, TimeUnit.SECONDS);
            } finally {
                client.destroy();
            }
            // "sum" of the end section: sender bits/s and the receiver-reported loss
            int end = json.lastIndexOf("\"end\"");
            String tail = end >= 0 ? json.substring(end) : json;
            double bps = number(tail, "\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)");
            double lost = number(tail, "\"lost_percent\"\\s*:\\s*([0-9.eE+]+)");
            return new double[] {bps / 8 / 1e6 * (1 - lost / 100), lost};
        } finally {
            if (logServerPid) {
                System.out.println("stopping iperf3 server pid " + server.pid());
            }
            server.destroy();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static double number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
