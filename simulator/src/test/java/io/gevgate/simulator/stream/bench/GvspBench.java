package io.gevgate.simulator.stream.bench;

import io.gevgate.simulator.bench.Iperf3;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.linux.net.UdpSocket;
import io.gevgate.simulator.stream.GvspEmitter;
import io.gevgate.simulator.stream.GvspEmitterConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end GVSP loopback benchmark (run by bench/gvsp.sh, never by the test suite). For each
 * packet size it measures, in one run:
 * <ol>
 *   <li>the kernel's UDP loopback limit with {@code iperf3 -u} (same datagram size), and with
 *       bench/udp_blast.c: plain {@code sendmmsg} → {@code recvmmsg}, and a UDP GSO sender that
 *       outruns a plain {@code recvmmsg} receiver (the kernel's receive limit, with the receive
 *       thread's CPU seconds per GB);</li>
 *   <li>the emitter alone, free-running into a socket nobody reads (what it can offer);</li>
 *   <li>the receiver's maximum loss-free throughput: a binary search over the frame rate where
 *       every datagram must arrive (resend requests go nowhere), and the receive thread's and the
 *       emitters' CPU time per GB.</li>
 * </ol>
 * Emitters use UDP GSO by default ({@link GvspEmitterConfig#udpGso}): the receiving socket still
 * gets one ordinary datagram per GVSP packet (the kernel segments before queueing), but the
 * senders' per-packet kernel cost drops enough that they outrun the receiver on two cores.
 * Addresses 127.0.0.9x only. Prints a table and writes JSON to the given directory.
 */
public final class GvspBench {
    private static final String ADDR = "127.0.0.95";
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 1024;
    private static final long FRAME = (long) WIDTH * HEIGHT;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    record Trial(double targetFps, long sent, long complete, long missing, double seconds, double mbPerSec,
                 double cpuSecondsPerGb, int rcvbuf, long kernelDrops, double allocBytesPerPacket,
                 long packetsSent, long packetsReceived, double emitterCpuSecondsPerGb) {
        /**
         * Every datagram the emitters sent reached the receiver. Judged on packets, not on frame
         * status: on a CPU-starved host an emitter thread can stall mid-frame long enough for a
         * frame to time out although nothing was lost, and that is not the receiver's limit.
         */
        boolean lossFree() {
            return packetsSent > 0 && packetsReceived >= packetsSent;
        }
    }

    record Row(int packetSize, double iperfMbPerSec, double iperfLossPercent, Blast blastPlain, Blast blastGso,
               double emitterMbPerSec, double emitterFps, double emitterCpuSecondsPerGb, Trial freeRun, Trial best,
               List<Trial> search) {
    }

    /** One udp_blast run: received MB/s and the C receive thread's CPU seconds per GB. */
    record Blast(double mbPerSec, double rxCpuSecondsPerGb, double lossPercent) {
        static final Blast NONE = new Blast(Double.NaN, Double.NaN, Double.NaN);
    }

    private static int emitters = 1;
    private static boolean gso = true;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        emitters = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String blast = args.length > 3 && !args[3].isEmpty() ? args[3] : null;
        gso = args.length <= 4 || !args[4].equals("plain");
        Files.createDirectories(out);
        if (!MX.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("thread CPU time not supported on this JVM");
        }
        MX.setThreadCpuTimeEnabled(true);
        System.out.println("host: " + Runtime.getRuntime().availableProcessors() + " CPUs; emitters for offered load: "
                + emitters + (gso ? " (UDP GSO)" : " (one datagram per send)") + "; " + seconds + " s per trial; load "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        List<Row> rows = new ArrayList<>();
        for (int packet : new int[] {1400, 8192}) {
            double[] iperf = iperf(packet - 28, 4);
            Blast blastPlain = blast(blast, packet - 28, seconds, 1, false);
            Blast blastGso = blast(blast, packet - 28, seconds, 1, true);
            double[] emitter = emitterAlone(packet, seconds);
            System.out.printf(Locale.ROOT, "packet %d: iperf3 %.0f MB/s (loss %.2f %%), udp_blast plain %.0f MB/s (loss %.1f %%), "
                            + "GSO sender -> recvmmsg %.0f MB/s (loss %.1f %%, receive thread %.3f s/GB), one emitter alone %.0f MB/s "
                            + "(%.3f s/GB)%n",
                    packet, iperf[0], iperf[1], blastPlain.mbPerSec, blastPlain.lossPercent, blastGso.mbPerSec,
                    blastGso.lossPercent, blastGso.rxCpuSecondsPerGb, emitter[0], emitter[2]);
            warmUp(packet);
            Trial free = trial(packet, 0, seconds, emitters);
            System.out.println("  free-running x" + emitters + ": " + free);
            List<Trial> search = new ArrayList<>();
            double lo = 0;
            double hi = Math.max(emitters * emitter[1], free.sent / free.seconds) * 1.1;
            Trial best = free.lossFree() ? free : null;
            double fps = free.lossFree() ? hi : hi / 2;
            for (int i = 0; i < 7 && !free.lossFree(); i++) {
                Trial t = trial(packet, fps, seconds, emitters);
                search.add(t);
                System.out.println("  " + t);
                // a paced run that could not send its target rate is emitter-bound, not a receiver limit
                if (t.lossFree()) {
                    lo = fps;
                    if (best == null || t.mbPerSec > best.mbPerSec) {
                        best = t;
                    }
                } else {
                    hi = fps;
                }
                fps = (lo + hi) / 2;
                if (hi - lo < hi * 0.03) {
                    break;
                }
            }
            rows.add(new Row(packet, iperf[0], iperf[1], blastPlain, blastGso, emitter[0], emitter[1], emitter[2], free,
                    best, search));
        }
        print(rows);
        String json = json(rows);
        Path file = out.resolve("gvsp-" + Instant.now().toString().replace(':', '-') + ".json");
        Files.writeString(file, json);
        System.out.println("wrote " + file);
    }

    /** The C sendmmsg/recvmmsg pair (bench/udp_blast.c), or {@link Blast#NONE} when not built. */
    private static Blast blast(String binary, int datagram, double seconds, int senders, boolean withGso) throws Exception {
        if (binary == null || !Files.isExecutable(Path.of(binary))) {
            return Blast.NONE;
        }
        Process p = new ProcessBuilder(binary, ADDR, String.valueOf(datagram), String.valueOf(seconds),
                String.valueOf(senders), withGso ? "1" : "0").redirectErrorStream(true).start();
        try {
            String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor((long) seconds + 20, TimeUnit.SECONDS);
            return new Blast(number(outText, "\"received_mb_s\"\\s*:\\s*([0-9.]+)"),
                    number(outText, "\"rx_cpu_s_per_gb\"\\s*:\\s*([0-9.]+)"),
                    number(outText, "\"loss_pct\"\\s*:\\s*([0-9.]+)"));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs the receiver briefly so JIT compilation does not pollute the first trial. */
    private static void warmUp(int packet) throws Exception {
        trial(packet, 200, 1.0, 1);
    }

    private static Trial trial(int packet, double fps, double seconds, int k) throws Exception {
        GvspReceiverConfig rc = new GvspReceiverConfig().bindAddress(ADDR).port(0).packetSize(packet)
                .frameBufferBytes(FRAME).frameBufferCount(64).handoffCapacity(48).receiveBufferBytes(32 << 20)
                .frameRetention(Duration.ofSeconds(2))
                // A requester that sends nothing: frames then close only on completion or retention
                // timeout, never "fail fast" because another emitter's block started meanwhile.
                .resendRequester((block, first, last) -> { });
        AtomicLong complete = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        try (GvspReceiver r = GvspReceiver.start(rc)) {
            Thread consumer = Thread.ofPlatform().name("bench-consumer").start(() -> {
                try {
                    while (!stop.get() || r.freeFrameBuffers() < 64) {
                        Frame f = r.take(20, TimeUnit.MILLISECONDS);
                        if (f == null) {
                            if (stop.get()) {
                                break;
                            }
                            continue;
                        }
                        if (f.status() == FrameStatus.COMPLETE) {
                            complete.incrementAndGet();
                        } else {
                            other.incrementAndGet();
                        }
                        f.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long framesEach = fps > 0 ? Math.max(1, (long) (fps / k * seconds)) : 0;
            long drops0 = rcvbufErrors();
            long alloc0 = allocated(r.thread());
            long packets0 = r.counters().get(GvspCounter.PACKETS_RECEIVED);
            long cpu0 = MX.getThreadCpuTime(r.thread().threadId());
            long bytes0 = r.counters().get(GvspCounter.PAYLOAD_BYTES);
            long t0 = System.nanoTime();
            long t1;
            long sent = 0;
            long emitterCpu0 = 0;
            long emitterCpu1 = 0;
            List<GvspEmitter> list = new ArrayList<>();
            try {
                for (int i = 0; i < k; i++) {
                    // extended ids with disjoint ranges keep the sources' blocks apart
                    GvspEmitterConfig ec = new GvspEmitterConfig().destination(ADDR, r.localPort()).source(ADDR, 0)
                            .packetSize(packet).size(WIDTH, HEIGHT).frameRate(fps / k).frameCount(framesEach)
                            .extendedIds(true).firstBlockId(1 + ((long) i << 40)).sendBufferBytes(8 << 20)
                            .udpGso(gso).threadName("bench-emitter-" + i);
                    list.add(GvspEmitter.start(ec));
                }
                for (GvspEmitter e : list) {
                    emitterCpu0 += MX.getThreadCpuTime(e.thread().threadId());
                }
                long end = t0 + (long) (seconds * 1e9);
                if (fps > 0) {
                    while (!list.stream().allMatch(GvspEmitter::finishedSending)
                            && System.nanoTime() < end + 5_000_000_000L) {
                        Thread.sleep(5);
                    }
                } else {
                    Thread.sleep((long) (seconds * 1000));
                }
                t1 = System.nanoTime();
                for (GvspEmitter e : list) {
                    emitterCpu1 += Math.max(0, MX.getThreadCpuTime(e.thread().threadId()));
                }
            } finally {
                for (GvspEmitter e : list) {
                    e.close();
                }
            }
            long packetsSent = 0;
            for (GvspEmitter e : list) {
                sent += e.counters().framesSent();
                packetsSent += e.counters().packetsSent();
            }
            Thread.sleep(300); // let the last frames close
            long cpu1 = MX.getThreadCpuTime(r.thread().threadId());
            long bytes = r.counters().get(GvspCounter.PAYLOAD_BYTES) - bytes0;
            stop.set(true);
            consumer.join(5000);
            double secs = (t1 - t0) / 1e9;
            double gb = bytes / 1e9;
            return new Trial(fps, sent, complete.get(), other.get() + r.counters().get(GvspCounter.FRAMES_DROPPED_NO_BUFFER),
                    secs, bytes / 1e6 / secs, gb > 0 ? (cpu1 - cpu0) / 1e9 / gb : Double.NaN, r.receiveBufferBytes(),
                    rcvbufErrors() - drops0, (allocated(r.thread()) - alloc0)
                    / (double) Math.max(1, r.counters().get(GvspCounter.PACKETS_RECEIVED) - packets0),
                    packetsSent, r.counters().get(GvspCounter.PACKETS_RECEIVED) - packets0,
                    gb > 0 ? (emitterCpu1 - emitterCpu0) / 1e9 / gb : Double.NaN);
        }
    }

    /** The emitter free-running into a bound socket that nobody reads. */
    private static double[] emitterAlone(int packet, double seconds) throws Exception {
        try (UdpSocket sink = UdpSocket.open()) {
            sink.bind(ADDR, 0);
            sink.setReceiveBufferSize(1 << 16);
            GvspEmitterConfig ec = new GvspEmitterConfig().destination(ADDR, sink.localPort()).source(ADDR, 0)
                    .packetSize(packet).size(WIDTH, HEIGHT).frameRate(0).sendBufferBytes(8 << 20).udpGso(gso);
            try (GvspEmitter e = GvspEmitter.start(ec)) {
                Thread.sleep(500); // warm-up
                long f0 = e.counters().framesSent();
                long c0 = MX.getThreadCpuTime(e.thread().threadId());
                long t0 = System.nanoTime();
                Thread.sleep((long) (seconds * 1000));
                long f1 = e.counters().framesSent();
                long c1 = MX.getThreadCpuTime(e.thread().threadId());
                double secs = (System.nanoTime() - t0) / 1e9;
                double fps = (f1 - f0) / secs;
                double gb = (f1 - f0) * (double) FRAME / 1e9;
                return new double[] {fps * FRAME / 1e6, fps, gb > 0 ? (c1 - c0) / 1e9 / gb : Double.NaN};
            }
        }
    }

    /** iperf3 UDP on loopback at full speed; returns {received MB/s, loss %}, or NaN when absent. */
    private static double[] iperf(int datagram, int seconds) throws Exception {
        return Iperf3.udp(ADDR, true, 5295, iperfWindow(), datagram, seconds, false);
    }

    /** iperf3 sets SO_RCVBUF/SO_SNDBUF without FORCE and fails above the sysctl caps: stay at them. */
    private static long iperfWindow() {
        long cap = 32L << 20;
        for (String f : new String[] {"/proc/sys/net/core/rmem_max", "/proc/sys/net/core/wmem_max"}) {
            try {
                cap = Math.min(cap, Long.parseLong(Files.readString(Path.of(f)).trim()));
            } catch (IOException | NumberFormatException e) {
                cap = Math.min(cap, 4L << 20);
            }
        }
        return cap;
    }

    /** Heap bytes the thread allocated so far (HotSpot), or 0 when unsupported. */
    private static long allocated(Thread t) {
        if (MX instanceof com.sun.management.ThreadMXBean hs && hs.isThreadAllocatedMemorySupported()) {
            return hs.getThreadAllocatedBytes(t.threadId());
        }
        return 0;
    }

    /** Kernel UDP RcvbufErrors (datagrams dropped because a socket buffer was full), host-wide. */
    static long rcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
                    String[] names = lines.get(i).split("\\s+");
                    String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 0; k < names.length && k < values.length; k++) {
                        if (names[k].equals("RcvbufErrors")) {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static void print(List<Row> rows) {
        System.out.println();
        System.out.println("| packet | iperf3 -u MB/s | C plain sendmmsg→recvmmsg MB/s | kernel receive limit: C GSO sender → recvmmsg MB/s "
                + "(receive CPU s/GB) | emitter alone MB/s (CPU s/GB) | offered by " + emitters + " emitter(s) MB/s | "
                + "receiver max loss-free MB/s | receiver CPU s/GB | emitter CPU s/GB | vs iperf3 | vs kernel receive limit |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            double best = r.best == null ? 0 : r.best.mbPerSec;
            double offered = r.freeRun.sent * (double) FRAME / 1e6 / r.freeRun.seconds;
            System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f (%.3f) | %.0f (%.3f) | %.0f | %.0f | %.3f | %.3f | %.0f %% | %.0f %% |%n",
                    r.packetSize, r.iperfMbPerSec, r.blastPlain.mbPerSec, r.blastGso.mbPerSec, r.blastGso.rxCpuSecondsPerGb,
                    r.emitterMbPerSec, r.emitterCpuSecondsPerGb, offered, best,
                    r.best == null ? Double.NaN : r.best.cpuSecondsPerGb,
                    r.best == null ? Double.NaN : r.best.emitterCpuSecondsPerGb,
                    100 * best / r.iperfMbPerSec, 100 * best / r.blastGso.mbPerSec);
        }
        for (Row r : rows) {
            double best = r.best == null ? 0 : r.best.mbPerSec;
            double vsIperf = best / r.iperfMbPerSec;
            double vsKernel = best / r.blastGso.mbPerSec;
            double cpuRatio = r.best == null ? Double.NaN : r.best.cpuSecondsPerGb / r.blastGso.rxCpuSecondsPerGb;
            boolean outran = r.freeRun.kernelDrops > 0 || r.freeRun.packetsReceived < r.freeRun.packetsSent;
            System.out.printf(Locale.ROOT, "%d B: receiver >= 80 %% of iperf3 -u: %.0f %% -> %s; >= 80 %% of the kernel receive "
                            + "limit (C GSO sender -> recvmmsg, same run): %.0f %% -> %s; receiver CPU per GB = %.2fx the C "
                            + "recvmmsg loop's (that loop does no protocol work and no copy); emitters outran the receiver "
                            + "when free-running: %s (%d of %d datagrams dropped by the kernel)%n",
                    r.packetSize, 100 * vsIperf, vsIperf >= 0.8 ? "MET" : "NOT MET", 100 * vsKernel,
                    vsKernel >= 0.8 ? "MET" : "NOT MET", cpuRatio, outran ? "yes" : "no",
                    r.freeRun.packetsSent - r.freeRun.packetsReceived, r.freeRun.packetsSent);
        }
        System.out.println("(arv-camera-test comparison: bench/gvsp-aravis.sh)");
    }

    private static String json(List<Row> rows) {
        StringBuilder sb = new StringBuilder("{\n  \"benchmark\": \"gvsp-loopback\",\n  \"frame\": \"")
                .append(WIDTH).append("x").append(HEIGHT).append(" Mono8\",\n  \"host_cpus\": ")
                .append(Runtime.getRuntime().availableProcessors()).append(",\n  \"emitters\": ").append(emitters)
                .append(",\n  \"emitter_udp_gso\": ").append(gso).append(",\n  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"packet_size\": %d, \"iperf3_udp_mb_s\": %.1f, \"iperf3_loss_pct\": %.2f, "
                            + "\"c_plain_mb_s\": %.1f, \"c_plain_loss_pct\": %.2f, \"c_gso_to_recvmmsg_mb_s\": %.1f, "
                            + "\"c_gso_loss_pct\": %.2f, \"c_recvmmsg_cpu_s_per_gb\": %.4f, "
                            + "\"emitter_alone_mb_s\": %.1f, \"emitter_alone_fps\": %.1f, \"emitter_alone_cpu_s_per_gb\": %.4f, ",
                    r.packetSize, nan(r.iperfMbPerSec), nan(r.iperfLossPercent), nan(r.blastPlain.mbPerSec),
                    nan(r.blastPlain.lossPercent), nan(r.blastGso.mbPerSec), nan(r.blastGso.lossPercent),
                    nan(r.blastGso.rxCpuSecondsPerGb), r.emitterMbPerSec, r.emitterFps, nan(r.emitterCpuSecondsPerGb)));
            sb.append("\"free_run\": ").append(trialJson(r.freeRun)).append(", \"best_loss_free\": ")
                    .append(r.best == null ? "null" : trialJson(r.best)).append(", \"search\": [");
            for (int k = 0; k < r.search.size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(trialJson(r.search.get(k)));
            }
            sb.append("]}").append(i + 1 < rows.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    private static String trialJson(Trial t) {
        return String.format(Locale.ROOT, "{\"target_fps\": %.1f, \"frames_sent\": %d, \"frames_complete\": %d, "
                        + "\"frames_failed\": %d, \"seconds\": %.3f, \"mb_s\": %.1f, \"receiver_cpu_s_per_gb\": %.4f, "
                        + "\"rcvbuf\": %d, \"kernel_rcvbuf_errors\": %d, \"receiver_alloc_bytes_per_packet\": %.3f, "
                        + "\"packets_sent\": %d, \"packets_received\": %d, \"emitter_cpu_s_per_gb\": %.4f}",
                t.targetFps, t.sent, t.complete, t.missing, t.seconds, t.mbPerSec,
                Double.isNaN(t.cpuSecondsPerGb) ? -1.0 : t.cpuSecondsPerGb, t.rcvbuf, t.kernelDrops, t.allocBytesPerPacket,
                t.packetsSent, t.packetsReceived, nan(t.emitterCpuSecondsPerGb));
    }

    private static double nan(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    private GvspBench() {
    }

}
