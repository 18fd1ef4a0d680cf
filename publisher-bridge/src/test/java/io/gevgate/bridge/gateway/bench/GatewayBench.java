package io.gevgate.bridge.gateway.bench;

import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;
import io.gevgate.bridge.gateway.Gateway;
import io.gevgate.bridge.gateway.GatewayOptions;
import io.gevgate.bridge.gateway.PublishFormat;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.stream.SimulatedStreamChannel;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Gateway benchmark, CPU path, 1920x1080 BayerRG8 → NV12: for a ladder of camera frame rates,
 * the simulator (same JVM, 127.0.0.200) streams for a fixed time through the gateway to one
 * subscriber. Measured per rate: frames the emitter sent, frames published, frames lost anywhere
 * (incomplete, gaps, late), and frame complete (receiver closed the frame) → subscriber-visible
 * latency p50/p99 (one clock: everything runs in this JVM). The highest rate with every sent frame
 * published is the "sustained without drops" figure. Baseline in the same run: the conversion
 * alone (FrameConverter on one 1080p frame), which bounds what the pipeline can reach.
 *
 * <p>Args: JSON_OUT SECONDS_PER_RATE RATE...
 */
public final class GatewayBench {
    private GatewayBench() {
    }

    record Row(double rate, long sent, long published, long lost, long subscriberFrames, double p50Ms, double p99Ms,
               double publishMs) {
    }

    public static void main(String[] args) throws Exception {
        Path json = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        double[] rates = Arrays.stream(args, 2, args.length).mapToDouble(Double::parseDouble).toArray();
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        double convertMs = conversionBaselineMs(threads);
        List<Row> rows = new ArrayList<>();
        for (double rate : rates) {
            Row r = runOne(rate, seconds, threads);
            rows.add(r);
            System.out.printf(Locale.ROOT, "rate %6.1f fps: sent %5d published %5d lost %4d sub %5d  p50 %7.2f ms  p99 %7.2f ms  (publish mean %.2f ms)%n",
                    r.rate, r.sent, r.published, r.lost, r.subscriberFrames, r.p50Ms, r.p99Ms, r.publishMs);
        }
        double best = 0;
        for (Row r : rows) {
            // nothing lost anywhere in the window, and the gateway kept up (published within 5 % of
            // sent: the windows of the two counters are a pipeline latency apart)
            if (r.sent > 0 && r.lost == 0 && r.published >= 0.95 * r.sent && r.subscriberFrames > 0) {
                best = Math.max(best, r.rate);
            }
        }
        System.out.println();
        System.out.println("| camera fps | sent | published | lost | complete→subscriber p50 | p99 |");
        System.out.println("|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %.0f | %d | %d | %d | %.2f ms | %.2f ms |%n", r.rate, r.sent, r.published, r.lost, r.p50Ms, r.p99Ms);
        }
        System.out.printf(Locale.ROOT, "highest frame rate sustained without drops: %.0f fps; conversion alone (baseline, %d threads): %.2f ms/frame = %.0f fps max%n",
                best, threads, convertMs, 1000 / convertMs);
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"benchmark\": \"gateway CPU path 1920x1080 BayerRG8 -> NV12, simulator in process, one subscriber\",\n");
        sb.append(String.format(Locale.ROOT, "  \"host_cpus\": %d,%n  \"converter_threads\": %d,%n  \"seconds_per_rate\": %.1f,%n",
                Runtime.getRuntime().availableProcessors(), threads, seconds));
        sb.append(String.format(Locale.ROOT, "  \"baseline_conversion_ms_per_frame\": %.3f,%n", convertMs));
        sb.append(String.format(Locale.ROOT, "  \"highest_fps_without_drops\": %.1f,%n  \"rates\": [%n", best));
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"fps\": %.1f, \"sent\": %d, \"published\": %d, \"lost\": %d, \"subscriber_frames\": %d, "
                    + "\"latency_p50_ms\": %.3f, \"latency_p99_ms\": %.3f, \"publish_mean_ms\": %.3f}%s%n",
                    r.rate, r.sent, r.published, r.lost, r.subscriberFrames, r.p50Ms, r.p99Ms, r.publishMs, i + 1 < rows.size() ? "," : ""));
        }
        sb.append("  ]\n}\n");
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, sb.toString());
        System.out.println("wrote " + json);
    }

    private static double conversionBaselineMs(int threads) {
        var spec = new io.gevgate.bridge.convert.ConversionSpec(io.gevgate.bridge.convert.InputLayout.BAYER_RG8, 1920, 1080,
                io.gevgate.bridge.convert.YuvMatrix.BT601, io.gevgate.bridge.convert.YuvRange.LIMITED);
        try (var conv = io.gevgate.bridge.convert.FrameConverter.create(spec, threads);
             var arena = java.lang.foreign.Arena.ofConfined()) {
            var src = arena.allocate(1920L * 1080, 64);
            var dst = arena.allocate(1920L * 1080 * 3 / 2, 64);
            long y = 1920L * 1080;
            for (int i = 0; i < 30; i++) {
                conv.toNv12(src, 1920, dst.asSlice(0, y), 1920, dst.asSlice(y, y / 2), 1920);
            }
            int n = 60;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                conv.toNv12(src, 1920, dst.asSlice(0, y), 1920, dst.asSlice(y, y / 2), 1920);
            }
            return (System.nanoTime() - t0) / 1e6 / n;
        }
    }

    private static Row runOne(double rate, double seconds, int threads) throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.200");
        String key = "gwbench" + ProcessHandle.current().pid() + "-" + (int) rate;
        Path dir = Files.createTempDirectory("gwbench");
        int cap = 1 << 16;
        AtomicLongArray complete = new AtomicLongArray(cap);
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            GatewayOptions o = new GatewayOptions().camera(addr).key(key).runtimeDir(dir).format(PublishFormat.NV12)
                    .pixelFormat("BayerRG8").size(1920, 1080).frameRate(rate).cpuThreads(threads).packetSize(8192)
                    .waitForSubscribers(1)
                    .receiverTuning(c -> c.frameBufferCount(16).receiveBufferBytes(64 << 20))
                    .publishListener((seq, done, taken, ws, we, now) -> complete.set((int) (seq & (cap - 1)), done));
            try (Gateway gw = new Gateway(o)) {
                Thread runner = Thread.ofPlatform().name("bench-gateway").start(() -> {
                    try {
                        gw.run();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                while (gw.publisher() == null && runner.isAlive()) {
                    Thread.sleep(10);
                }
                List<Long> lat = new ArrayList<>();
                long subFrames = 0;
                long sentAtStart;
                long publishedAtStart;
                long lostAtStart;
                try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                        .mode(SubscriberMode.NEWEST_ONLY).pollIntervalNs(20_000).connectTimeoutMs(10_000).build())) {
                    // 2 s warm-up (JIT, socket buffers), then the measured window
                    long warm = System.nanoTime() + 2_000_000_000L;
                    while (System.nanoTime() < warm) {
                        Frame f = sub.next(200);
                        if (f != null) {
                            sub.release(f);
                        }
                    }
                    sentAtStart = sent(ch);
                    publishedAtStart = gw.stats().framesPublished();
                    lostAtStart = lost(gw);
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    while (System.nanoTime() < end) {
                        Frame f = sub.next(200);
                        if (f == null) {
                            continue;
                        }
                        long seen = System.nanoTime();
                        long done = complete.get((int) (f.seq() & (cap - 1)));
                        sub.release(f);
                        subFrames++;
                        if (done != 0) {
                            lat.add(seen - done);
                        }
                    }
                }
                long sent = sent(ch) - sentAtStart;
                long published = gw.stats().framesPublished() - publishedAtStart;
                long lost = lost(gw) - lostAtStart;
                double publishMs = gw.stats().framesPublished() == 0 ? 0
                        : gw.stats().publishLatencyNanosTotal() / 1e6 / gw.stats().framesPublished();
                gw.requestStop();
                runner.join(20_000);
                long[] l = lat.stream().mapToLong(Long::longValue).sorted().toArray();
                return new Row(rate, sent, published, lost, subFrames, pct(l, 0.50), pct(l, 0.99), publishMs);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static long sent(SimulatedStreamChannel ch) {
        var e = ch.emitter();
        return e == null ? 0 : e.counters().framesSent();
    }

    private static long lost(Gateway gw) {
        return gw.stats().framesIncomplete() + gw.stats().blockIdGaps() + gw.stats().framesLate() + gw.stats().framesMismatched();
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1)))] / 1e6;
    }
}
