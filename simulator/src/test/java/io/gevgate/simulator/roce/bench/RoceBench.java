package io.gevgate.simulator.roce.bench;

import io.gevgate.simulator.bench.Iperf3;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.roce.RdmaFlowTarget;
import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartSpec;
import io.gevgate.simulator.roce.RoceEmitter;
import io.gevgate.simulator.roce.RoceEmitterConfig;
import io.gevgate.simulator.roce.RocePacketMode;
import io.gevgate.simulator.stream.GvspEmitter;
import io.gevgate.simulator.stream.GvspEmitterConfig;
import io.gevgate.simulator.stream.LossInjection;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soft-RoCE loopback benchmark (bench/roce.sh; never part of the test suite). One run measures, for
 * the same 1024x1024 Mono8 frame (one GenDC component in flow 1, descriptor in flow 0) and the same
 * 4128-byte UDP payload per packet (4096 MTU + BTH/RETH + ICRC):
 * <ol>
 *   <li>the kernel UDP loopback limit: {@code iperf3 -u} on 127.0.0.1 with that datagram size;</li>
 *   <li>the soft-RoCE receiver, free-running emitter and a paced search for the highest loss-free
 *       frame rate: MB/s placed, receiver-thread CPU seconds per GB, frame-complete → consumer latency;</li>
 *   <li>the GVSP receiver with the same image and datagram size, same search.</li>
 * </ol>
 */
public final class RoceBench {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final String DEVICE = "127.0.0.136";
    private static final String HOST = "127.0.0.137";
    private static final String GVSP_ADDR = "127.0.0.138";
    private static final int W = 1024;
    private static final int H = 1024;
    private static final int MTU = 4096;
    private static final int UDP_PAYLOAD = MTU + 12 + 16 + 4;

    record Trial(String receiver, double targetFps, long sent, long complete, long incomplete, double seconds,
                 double mbPerSec, double cpuSecondsPerGb, double latencyP50Us, double latencyP99Us) {
        boolean lossFree() {
            return sent > 0 && complete >= sent && incomplete == 0; // a frame may finish after the sent count was read
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
        Files.createDirectories(out);
        MX.setThreadCpuTimeEnabled(true);
        double[] iperf = iperf(UDP_PAYLOAD, (int) Math.max(1, Math.round(seconds * 2)));
        double blast = blast(args.length > 2 ? args[2] : null, UDP_PAYLOAD, seconds);
        System.out.printf(Locale.ROOT, "udp_blast (C sendmmsg/recvmmsg, 1 sender), %d-byte datagrams: %.0f MB/s%n",
                UDP_PAYLOAD, blast);
        System.out.printf(Locale.ROOT, "iperf3 -u 127.0.0.1, %d-byte datagrams: %.0f MB/s received (loss %.2f %%)%n",
                UDP_PAYLOAD, iperf[0], iperf[1]);
        List<Trial> roce = search("soft-roce", seconds);
        List<Trial> gvsp = search("gvsp", seconds);
        Trial bestRoce = best(roce);
        Trial bestGvsp = best(gvsp);
        System.out.println();
        System.out.println("| receiver | free-running MB/s | best loss-free MB/s | fps | CPU s/GB | complete→consumer p50/p99 µs | vs iperf3 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (List<Trial> l : List.of(roce, gvsp)) {
            Trial free = l.get(0);
            Trial b = best(l);
            System.out.printf(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %s | %s |%n", free.receiver, free.mbPerSec,
                    b == null ? "none" : String.format(Locale.ROOT, "%.0f", b.mbPerSec),
                    b == null ? "-" : String.format(Locale.ROOT, "%.0f", b.sent / b.seconds),
                    b == null ? "-" : String.format(Locale.ROOT, "%.2f", b.cpuSecondsPerGb),
                    b == null || Double.isNaN(b.latencyP50Us) ? "-"
                            : String.format(Locale.ROOT, "%.0f / %.0f", b.latencyP50Us, b.latencyP99Us),
                    b == null ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * b.mbPerSec / iperf[0]));
        }
        System.out.printf(Locale.ROOT, "| iperf3 -u (kernel UDP limit) | %.0f | | | | | 100 %% |%n", iperf[0]);
        System.out.printf(Locale.ROOT, "| udp_blast C recvmmsg (kernel UDP limit, no protocol work) | %.0f | | | | | |%n", blast);
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\n  \"host_cpus\": %d,\n  \"load_average\": %.2f,\n  \"seconds_per_trial\": %.1f,\n"
                        + "  \"frame\": \"GenDC, 1 component Mono8 %dx%d (flow 1) + descriptor (flow 0)\",\n"
                        + "  \"udp_payload_bytes\": %d,\n  \"iperf3_udp_mb_s\": %.1f,\n  \"iperf3_loss_pct\": %.2f,\n  \"udp_blast_mb_s\": %.1f,\n  \"trials\": [\n",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                seconds, W, H, UDP_PAYLOAD, iperf[0], iperf[1], blast));
        List<Trial> all = new ArrayList<>(roce);
        all.addAll(gvsp);
        for (int i = 0; i < all.size(); i++) {
            Trial t = all.get(i);
            json.append(String.format(Locale.ROOT, "    {\"receiver\": \"%s\", \"target_fps\": %.1f, \"sent\": %d, \"complete\": %d, "
                            + "\"incomplete\": %d, \"seconds\": %.3f, \"mb_s\": %.1f, \"cpu_s_per_gb\": %.3f, "
                            + "\"latency_p50_us\": %.1f, \"latency_p99_us\": %.1f, \"loss_free\": %b}%s\n",
                    t.receiver, t.targetFps, t.sent, t.complete, t.incomplete, t.seconds, t.mbPerSec, t.cpuSecondsPerGb,
                    t.latencyP50Us, t.latencyP99Us, t.lossFree(), i + 1 < all.size() ? "," : ""));
        }
        json.append("  ],\n");
        json.append(String.format(Locale.ROOT, "  \"best_loss_free_mb_s\": {\"soft_roce\": %.1f, \"gvsp\": %.1f},\n",
                bestRoce == null ? 0 : bestRoce.mbPerSec, bestGvsp == null ? 0 : bestGvsp.mbPerSec));
        json.append(String.format(Locale.ROOT, "  \"cpu_s_per_gb_at_best\": {\"soft_roce\": %.3f, \"gvsp\": %.3f}\n}\n",
                bestRoce == null ? Double.NaN : bestRoce.cpuSecondsPerGb, bestGvsp == null ? Double.NaN : bestGvsp.cpuSecondsPerGb));
        Path file = out.resolve("roce-" + Instant.now().toString().replace(':', '-') + ".json");
        Files.writeString(file, json.toString().replace("NaN", "null"));
        System.out.println("wrote " + file);
    }

    private static Trial best(List<Trial> l) {
        Trial b = null;
        for (Trial t : l) {
            if (t.lossFree() && (b == null || t.mbPerSec > b.mbPerSec)) {
                b = t;
            }
        }
        return b;
    }

    /** Free-running first, then a bisection over the frame rate for the highest loss-free one. */
    private static List<Trial> search(String receiver, double seconds) throws Exception {
        run(receiver, 100, 1.0); // warm-up (JIT)
        List<Trial> l = new ArrayList<>();
        Trial free = run(receiver, 0, seconds);
        l.add(free);
        System.out.println("  " + free);
        if (free.lossFree()) {
            return l;
        }
        double lo = 0;
        double hi = Math.max(50, free.sent / free.seconds) * 1.1;
        double fps = hi / 2;
        for (int i = 0; i < 6; i++) {
            Trial t = run(receiver, fps, seconds);
            l.add(t);
            System.out.println("  " + t);
            if (t.lossFree()) {
                lo = fps;
            } else {
                hi = fps;
            }
            fps = (lo + hi) / 2;
            if (hi - lo < hi * 0.04) {
                break;
            }
        }
        return l;
    }

    private static Trial run(String receiver, double fps, double seconds) throws Exception {
        return receiver.equals("gvsp") ? gvsp(fps, seconds) : roce(fps, seconds);
    }

    private static ContainerSpec container() {
        return ContainerSpec.builder().add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                PartSpec.image(PixelFormat.MONO8, W, H).withFlow(1))).build();
    }

    private static Trial roce(double fps, double seconds) throws Exception {
        ContainerSpec spec = container();
        RdmaProfile profile = new RdmaProfile(0x77, MTU, 8, List.of(
                new RdmaFlowTarget(0x100, 0, 4096),
                new RdmaFlowTarget(0x101, 0x1_0000_0000L, (spec.flowSize(1) + 4095) / 4096 * 4096)),
                DEVICE, 1, HOST, RdmaProfile.ROCE_V2_PORT);
        if (spec.flowSize(0) + FrameMetadata.LENGTH > 4096) {
            throw new IllegalStateException("descriptor page too small");
        }
        RoceEmitterConfig ec = new RoceEmitterConfig(profile, spec, (c, p, t) -> t.fill((byte) 0x5A),
                RocePacketMode.WRITE_ONLY_PER_PACKET, LossInjection.NONE, DEVICE, 0, 0, 64);
        long frames = fps > 0 ? Math.max(1, (long) (fps * seconds)) : 0;
        try (RoceEmitter emitter = new RoceEmitter(ec);
             SoftRoceReceiver rx = SoftRoceReceiver.start(SoftRoceConfig.of(
                     profile.withEndpoints(DEVICE, emitter.sourcePort(), HOST, RdmaProfile.ROCE_V2_PORT)))) {
            AtomicLong complete = new AtomicLong();
            AtomicLong incomplete = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            long[] latencies = new long[1 << 16];
            AtomicLong nLat = new AtomicLong();
            Thread consumer = Thread.ofPlatform().name("roce-bench-consumer").start(() -> {
                try {
                    while (!stop.get()) {
                        RoceFrame f = rx.take(20, TimeUnit.MILLISECONDS);
                        if (f == null) {
                            continue;
                        }
                        long lat = System.nanoTime() - f.receivedNanos();
                        if (f.isComplete()) {
                            complete.incrementAndGet();
                            long i = nLat.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[(int) i] = lat;
                            }
                        } else {
                            incomplete.incrementAndGet();
                        }
                        f.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long cpu0 = MX.getThreadCpuTime(rx.thread().threadId());
            long bytes0 = rx.counters().get(RoceCounter.PAYLOAD_BYTES_PLACED);
            long t0 = System.nanoTime();
            emitter.startStreaming(fps, frames);
            long end = t0 + (long) (seconds * 1e9);
            while (System.nanoTime() < end || (fps > 0 && emitter.isStreaming() && System.nanoTime() < end + 5_000_000_000L)) {
                Thread.sleep(5);
            }
            emitter.stop();
            long t1 = System.nanoTime();
            Thread.sleep(300);
            long cpu1 = MX.getThreadCpuTime(rx.thread().threadId());
            long bytes = rx.counters().get(RoceCounter.PAYLOAD_BYTES_PLACED) - bytes0;
            stop.set(true);
            consumer.join(5000);
            long sent = emitter.counters().frames();
            long lost = rx.counters().get(RoceCounter.FRAMES_INCOMPLETE) + rx.counters().get(RoceCounter.FRAMES_NOT_DELIVERED);
            double secs = (t1 - t0) / 1e9;
            int n = (int) Math.min(nLat.get(), latencies.length);
            long[] lat = Arrays.copyOf(latencies, n);
            Arrays.sort(lat);
            return new Trial("soft-roce", fps, sent, complete.get(), Math.max(lost, sent - complete.get()), secs,
                    bytes / 1e6 / secs, bytes > 0 ? (cpu1 - cpu0) / 1e9 / (bytes / 1e9) : Double.NaN,
                    n > 0 ? lat[n / 2] / 1e3 : Double.NaN, n > 0 ? lat[Math.min(n - 1, (int) (n * 0.99))] / 1e3 : Double.NaN);
        }
    }

    private static Trial gvsp(double fps, double seconds) throws Exception {
        int packet = UDP_PAYLOAD + 28; // GevSCPSPacketSize counts the IP datagram
        GvspReceiverConfig rc = new GvspReceiverConfig().bindAddress(GVSP_ADDR).port(0).packetSize(packet)
                .frameBufferBytes((long) W * H).frameBufferCount(8).handoffCapacity(8).receiveBufferBytes(32 << 20)
                .frameRetention(Duration.ofMillis(200)).resendRequester((block, first, last) -> { });
        AtomicLong complete = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long[] latencies = new long[1 << 16];
        AtomicLong nLat = new AtomicLong();
        try (GvspReceiver r = GvspReceiver.start(rc)) {
            Thread consumer = Thread.ofPlatform().name("gvsp-bench-consumer").start(() -> {
                try {
                    while (!stop.get()) {
                        Frame f = r.take(20, TimeUnit.MILLISECONDS);
                        if (f == null) {
                            continue;
                        }
                        long lat = System.nanoTime() - f.receivedNanos();
                        if (f.status() == FrameStatus.COMPLETE) {
                            complete.incrementAndGet();
                            long i = nLat.getAndIncrement();
                            if (i < latencies.length) {
                                latencies[(int) i] = lat;
                            }
                        } else {
                            other.incrementAndGet();
                        }
                        f.release();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long frames = fps > 0 ? Math.max(1, (long) (fps * seconds)) : 0;
            long cpu0 = MX.getThreadCpuTime(r.thread().threadId());
            long bytes0 = r.counters().get(GvspCounter.PAYLOAD_BYTES);
            long t0 = System.nanoTime();
            long sent;
            try (GvspEmitter e = GvspEmitter.start(new GvspEmitterConfig().destination(GVSP_ADDR, r.localPort())
                    .source(GVSP_ADDR, 0).packetSize(packet).size(W, H).frameRate(fps).frameCount(frames)
                    .extendedIds(true).sendBufferBytes(8 << 20).threadName("gvsp-bench-emitter"))) {
                long end = t0 + (long) (seconds * 1e9);
                while (System.nanoTime() < end || (fps > 0 && !e.finishedSending() && System.nanoTime() < end + 5_000_000_000L)) {
                    Thread.sleep(5);
                }
                sent = e.counters().framesSent();
            }
            long t1 = System.nanoTime();
            Thread.sleep(300);
            long cpu1 = MX.getThreadCpuTime(r.thread().threadId());
            long bytes = r.counters().get(GvspCounter.PAYLOAD_BYTES) - bytes0;
            stop.set(true);
            consumer.join(5000);
            double secs = (t1 - t0) / 1e9;
            int n = (int) Math.min(nLat.get(), latencies.length);
            long[] lat = Arrays.copyOf(latencies, n);
            Arrays.sort(lat);
            long lost = other.get() + r.counters().get(GvspCounter.FRAMES_DROPPED_NO_BUFFER);
            return new Trial("gvsp", fps, sent, complete.get(), Math.max(lost, sent - complete.get()), secs,
                    bytes / 1e6 / secs, bytes > 0 ? (cpu1 - cpu0) / 1e9 / (bytes / 1e9) : Double.NaN,
                    n > 0 ? lat[n / 2] / 1e3 : Double.NaN, n > 0 ? lat[Math.min(n - 1, (int) (n * 0.99))] / 1e3 : Double.NaN);
        }
    }

    /** bench/udp_blast.c on 127.0.0.139: received MB/s, NaN when not built. */
    private static double blast(String binary, int datagram, double seconds) throws Exception {
        if (binary == null || !Files.isExecutable(Path.of(binary))) {
            return Double.NaN;
        }
        Process p = new ProcessBuilder(binary, "127.0.0.139", String.valueOf(datagram), String.valueOf(seconds), "1")
                .redirectErrorStream(true).start();
        try {
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor((long) seconds + 20, TimeUnit.SECONDS);
            return number(text, "\"received_mb_s\"\\s*:\\s*([0-9.]+)");
        } finally {
            p.destroyForcibly();
        }
    }

    /** iperf3 -u on 127.0.0.1 (server and client started here, stopped by PID): {received MB/s, loss %}. */
    private static double[] iperf(int datagram, int seconds) throws Exception {
        return Iperf3.udp("127.0.0.1", false, 5297, window(), datagram, seconds, true);
    }

    /** iperf3 uses plain SO_RCVBUF/SO_SNDBUF, which fail above the sysctl caps: ask for exactly the cap. */
    private static long window() {
        try {
            return Math.min(Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/rmem_max")).trim()),
                    Long.parseLong(Files.readString(Path.of("/proc/sys/net/core/wmem_max")).trim()));
        } catch (Exception e) {
            return 212_992;
        }
    }

    private static double number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }
}
