package io.gevgate.bridge.gateway.bench;

import io.gevgate.acquisition.frames.HandoffWait;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.OutputFormat;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.gpu.DeviceBuffer;
import io.gevgate.bridge.gpu.GpuConverter;
import io.gevgate.bridge.gpu.GpuDevice;
import io.gevgate.bridge.gpu.PinnedBuffer;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.Policy;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.gateway.Gateway;
import io.gevgate.bridge.gateway.GatewayOptions;
import io.gevgate.bridge.gateway.PublishFormat;
import io.gevgate.bridge.gpu.GpuProbe;
import io.gevgate.bridge.gpu.GpuRuntime;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Frame-complete → subscriber-visible latency through the whole gateway, GPU path against CPU
 * path in the same run: built-in simulator on loopback (1920x1080 BayerRG8 at 60 fps) → gateway →
 * NV12 (BT.601 limited) in the ring → a subscriber in this JVM (10 µs poll). "Frame complete" is
 * the receiver's close time of the frame ({@code Frame.receivedNanos}, reported per seq by a
 * {@link io.gevgate.bridge.gateway.GatewayOptions.PublishListener}); "visible" is when {@code next()} returns that
 * seq. Same clock (System.nanoTime), same process. The first 60 frames of each path are warm-up.
 *
 * <p>Each GPU run is repeated per {@link HandoffWait} mode of the gateway thread, with the whole
 * process's CPU use over the measured window ("cores", from /proc/self/stat): what a mode's
 * latency costs.
 *
 * <p>Usage: {@code GatewayLatencyBenchmark [out.json] [seconds per path, 0 = only the GPU step timings]} (gpu-bundle/gateway-bench.sh).
 */
public final class GatewayLatencyBenchmark {
    static final int W = 1920;
    static final int H = 1080;
    static final double FPS = 60;

    /** What the simulator streams in one run. */
    record Shape(int width, int height, String pixelFormat, double fps) {
        static final Shape HD_BAYER8 = new Shape(W, H, "BayerRG8", FPS);

        String label() {
            return (height >= 2160 ? "2160p " : height + "p ") + pixelFormat;
        }
    }
    static final int WARMUP = 60;
    static final int CAP = 1 << 16;

    record Result(String path, String reason, int samples, double p50us, double p99us, double maxUs, double meanUs,
                  long published, long incomplete, long gaps, double gatewayPublishMeanUs, double gatewayPublishMaxUs,
                  Stages stages, double cores) {
    }

    /**
     * p50 / p99 / max (µs) of the three stages between "complete" and "visible": receiver close →
     * the gateway thread takes the frame (hand-off), taken → published (acquire, convert, publish),
     * published → the subscriber's next() returns (subscriber wake-up). Says where a p99 tail is.
     */
    record Stages(double[] handoff, double[] convertPublish, double[] wake, double[] beforeWrite, double[] write,
                  double[] publish) {
        String line() {
            return String.format(Locale.ROOT, "hand-off %.1f / %.1f / %.1f, convert+publish %.1f / %.1f / %.1f "
                    + "[before write %.1f / %.1f, write %.1f / %.1f, publish %.1f / %.1f], "
                    + "subscriber wake %.1f / %.1f / %.1f (p50 / p99 / max us)", handoff[0], handoff[1], handoff[2],
                    convertPublish[0], convertPublish[1], convertPublish[2], beforeWrite[0], beforeWrite[1], write[0],
                    write[1], publish[0], publish[1], wake[0], wake[1], wake[2]);
        }

        String json() {
            return String.format(Locale.ROOT, "{\"handoff_us\": [%.1f, %.1f, %.1f], \"convert_publish_us\": [%.1f, %.1f, %.1f], "
                    + "\"before_write_us\": [%.1f, %.1f, %.1f], \"write_us\": [%.1f, %.1f, %.1f], "
                    + "\"publish_us\": [%.1f, %.1f, %.1f], "
                    + "\"subscriber_wake_us\": [%.1f, %.1f, %.1f]}", handoff[0], handoff[1], handoff[2], convertPublish[0],
                    convertPublish[1], convertPublish[2], beforeWrite[0], beforeWrite[1], beforeWrite[2], write[0],
                    write[1], write[2], publish[0], publish[1], publish[2], wake[0], wake[1], wake[2]);
        }
    }

    static double[] summary(long[] values, int n) {
        long[] s = Arrays.copyOf(values, n);
        Arrays.sort(s);
        return new double[] {pct(s, 0.50), pct(s, 0.99), n == 0 ? 0 : s[n - 1] / 1e3};
    }

    private GatewayLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/gateway-gpu.json");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        GpuProbe probe = GpuRuntime.probe();
        System.out.println("GPU: " + probe.describe());
        List<Result> results = new ArrayList<>();
        if (seconds == 0) { // only the isolated GPU step timings
            String steps = probe.available() ? gpuStepBreakdown() : null;
            writeJson(out, probe, seconds, results, steps);
            return;
        }
        // The GPU path once per hand-off wait mode (the gateway's default, ADAPTIVE, first), then
        // the CPU path with the default: the modes differ only in how the gateway thread wakes.
        if (probe.available()) {
            // not recorded: JIT and the cubin cache warm, so the first measured mode is not penalised
            run(true, HandoffWait.ADAPTIVE, Math.min(5, seconds), "127.0.0.96");
            results.add(run(true, HandoffWait.ADAPTIVE, seconds, "127.0.0.74"));
            results.add(run(true, HandoffWait.BLOCK, seconds, "127.0.0.86"));
            results.add(run(true, HandoffWait.SPIN, seconds, "127.0.0.87"));
            // the default wait with the receive and gateway threads at SCHED_FIFO 20 (when allowed)
            results.add(run(true, HandoffWait.ADAPTIVE, 20, true, seconds, "127.0.0.94"));
            // the default wait without preloading the frame while it arrives
            results.add(run(true, HandoffWait.ADAPTIVE, 0, false, seconds, "127.0.0.98"));
        } else {
            System.out.println("no GPU: only the CPU path is measured");
            results.add(run(false, HandoffWait.BLOCK, seconds, "127.0.0.68"));
        }
        // the CPU path without converting frames while they arrive (same wait), then with (the default)
        results.add(run(false, HandoffWait.ADAPTIVE, 0, false, seconds, "127.0.0.99"));
        results.add(run(false, HandoffWait.ADAPTIVE, seconds, "127.0.0.75"));
        if (probe.available()) {
            // other sizes and formats, default settings (and 4K without preload): shorter runs
            int s2 = Math.max(10, seconds * 3 / 4);
            Shape uhdBayer = new Shape(3840, 2160, "BayerRG8", 30);
            results.add(run(new Shape(W, H, "Mono8", FPS), true, HandoffWait.ADAPTIVE, 0, true, s2, "127.0.0.74"));
            results.add(run(uhdBayer, true, HandoffWait.ADAPTIVE, 0, true, s2, "127.0.0.86"));
            results.add(run(uhdBayer, true, HandoffWait.ADAPTIVE, 0, false, s2, "127.0.0.87"));
            results.add(run(new Shape(3840, 2160, "Mono8", 30), true, HandoffWait.ADAPTIVE, 0, true, s2, "127.0.0.94"));
            results.add(run(uhdBayer, false, HandoffWait.ADAPTIVE, 0, true, s2, "127.0.0.98"));
        }
        System.out.printf(Locale.ROOT, "%n%-34s %8s %10s %10s %10s %10s %10s %12s %12s %6s%n", "path", "samples", "p50 us",
                "p99 us", "max us", "mean us", "published", "gw pub mean", "gw pub max", "cores");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-34s %8d %10.1f %10.1f %10.1f %10.1f %10d %12.1f %12.1f %6.2f%n", r.path,
                    r.samples, r.p50us, r.p99us, r.maxUs, r.meanUs, r.published, r.gatewayPublishMeanUs,
                    r.gatewayPublishMaxUs, r.cores);
        }
        for (Result r : results) {
            System.out.println(r.path + " stages: " + r.stages.line());
        }
        Result first = results.get(0);
        Result cpu = results.stream().filter(r -> r.path.equals("cpu/adaptive")).findFirst().orElse(first);
        if (first != cpu && first.path.startsWith("gpu")) {
            System.out.printf(Locale.ROOT, "GPU/CPU p50 ratio %.2f, p99 ratio %.2f (both hand-off ADAPTIVE)%n",
                    first.p50us / cpu.p50us, first.p99us / cpu.p99us);
        }
        String breakdown = probe.available() ? gpuStepBreakdown() : null;
        writeJson(out, probe, seconds, results, breakdown);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    static Result run(boolean gpu, HandoffWait wait, int seconds, String simAddress) throws Exception {
        return run(gpu, wait, 0, true, seconds, simAddress);
    }

    static Result run(boolean gpu, HandoffWait wait, int rtPriority, boolean preload, int seconds, String simAddress)
            throws Exception {
        return run(Shape.HD_BAYER8, gpu, wait, rtPriority, preload, seconds, simAddress);
    }

    static Result run(Shape shape, boolean gpu, HandoffWait wait, int rtPriority, boolean preload, int seconds,
                      String simAddress) throws Exception {
        String label = (gpu ? "gpu/" : "cpu/") + wait.name().toLowerCase(Locale.ROOT) + (rtPriority > 0 ? "+rt" : "")
                + (preload ? "" : "-nopre") + (shape == Shape.HD_BAYER8 ? "" : " " + shape.label());
        String key = "gwbench-" + label.replace('/', '-').replace('+', '-').replace(' ', '-') + "-" + ProcessHandle.current().pid();
        Path dir = Files.createTempDirectory("gwbench");
        AtomicLongArray complete = new AtomicLongArray(CAP);
        AtomicLongArray visible = new AtomicLongArray(CAP);
        AtomicLongArray taken = new AtomicLongArray(CAP);
        AtomicLongArray published = new AtomicLongArray(CAP);
        AtomicLongArray writeStart = new AtomicLongArray(CAP);
        AtomicLongArray writeEnd = new AtomicLongArray(CAP);
        GatewayOptions o = new GatewayOptions().simAddress(simAddress).key(key).size(shape.width(), shape.height())
                .pixelFormat(shape.pixelFormat()).frameRate(shape.fps()).format(PublishFormat.NV12).policy(Policy.DROP_OLDEST, 1000).ringSize(4).runtimeDir(dir)
                .maxDuration(Duration.ofSeconds(seconds + 30)).noGpu(!gpu).gpuDevice(gpu ? 0 : null).handoffWait(wait).realtimePriority(rtPriority).preload(preload)
                .publishListener((seq, t, took, ws, we, now) -> {
                    int i = (int) (seq & (CAP - 1));
                    complete.set(i, t);
                    taken.set(i, took);
                    writeStart.set(i, ws);
                    writeEnd.set(i, we);
                    published.set(i, now);
                });
        long maxSeq = -1;
        double cores = 0;
        Gateway gw = new Gateway(o);
        System.out.println(gw.conversionPath().reason());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().name("gateway-" + (gpu ? "gpu" : "cpu")).start(() -> {
            try {
                gw.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (gw.publisher() == null && failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            CuframesPublisher pub = gw.publisher();
            if (pub == null) {
                throw new IllegalStateException("gateway did not start: " + failure.get(), failure.get());
            }
            System.out.println("slot memory " + pub.memory().kind() + ", " + pub.geometry());
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .name("bench").pollIntervalNs(10_000).connectTimeoutMs(10_000).build())) {
                long cpu0 = ProcessCpu.ticks();
                long wall0 = System.nanoTime();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end && failure.get() == null) {
                    Frame f = sub.next(200);
                    if (f == null) {
                        continue;
                    }
                    long t = System.nanoTime();
                    visible.set((int) (f.seq() & (CAP - 1)), t);
                    maxSeq = Math.max(maxSeq, f.seq());
                    sub.release(f);
                }
                cores = ProcessCpu.cores(cpu0, wall0);
            }
        } finally {
            gw.requestStop();
            runner.join(30_000);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
        long[] lat = new long[(int) Math.max(0, maxSeq + 1)];
        long[] handoff = new long[lat.length];
        long[] convert = new long[lat.length];
        long[] wake = new long[lat.length];
        long[] beforeWrite = new long[lat.length];
        long[] write = new long[lat.length];
        long[] publish = new long[lat.length];
        int n = 0;
        for (long seq = WARMUP; seq <= maxSeq && seq < CAP; seq++) {
            long c = complete.get((int) seq);
            long v = visible.get((int) seq);
            if (c != 0 && v != 0) {
                handoff[n] = taken.get((int) seq) - c;
                convert[n] = published.get((int) seq) - taken.get((int) seq);
                wake[n] = v - published.get((int) seq);
                beforeWrite[n] = writeStart.get((int) seq) - taken.get((int) seq);
                write[n] = writeEnd.get((int) seq) - writeStart.get((int) seq);
                publish[n] = published.get((int) seq) - writeEnd.get((int) seq);
                lat[n++] = v - c;
            }
        }
        Stages stages = new Stages(summary(handoff, n), summary(convert, n), summary(wake, n), summary(beforeWrite, n),
                summary(write, n), summary(publish, n));
        long[] s = Arrays.copyOf(lat, n);
        Arrays.sort(s);
        double mean = n == 0 ? 0 : Arrays.stream(s).average().orElse(0) / 1e3;
        var st = gw.stats();
        Result r = new Result(label, gw.conversionPath().reason(), n, pct(s, 0.50), pct(s, 0.99),
                n == 0 ? 0 : s[n - 1] / 1e3, mean, st.framesPublished(), st.framesIncomplete(), st.blockIdGaps(),
                st.framesPublished() == 0 ? 0 : st.publishLatencyNanosTotal() / 1e3 / st.framesPublished(),
                st.publishLatencyNanosMax() / 1e3, stages, cores);
        System.out.println(gw.statusLine());
        long pre = gw.preloadedFrames();
        System.out.printf(Locale.ROOT, "%s stages: %s; process CPU %.2f cores; frames preloaded while arriving %d of %d%s%n",
                label, stages.line(), cores, pre, st.framesPublished(), gpu && pre > 0
                        ? String.format(Locale.ROOT, ", %.0f KiB each on average on the device", gw.preloadedPrefixBytes() / 1024.0 / pre)
                        : "");
        gw.close();
        Files.deleteIfExists(dir);
        return r;
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }

    /**
     * Where the GPU path's per-frame time goes, each step timed alone (500 frames, median): the
     * staging memcpy of a 1080p Bayer8 frame into pinned memory, submit + await of the conversion
     * into a VMM slot (await = cuEventSynchronize on that frame's done event), {@code publish()}
     * (memory.synchronize() = cuCtxSynchronize, then the header stores) against
     * {@code publishWritten()} (the header stores only: what the gateway calls), both on an idle
     * context and while another stream of the same context is busy (a 64 MiB device-to-device copy
     * queued just before, standing for a second camera's work), and for comparison the conversion
     * submitted straight from pageable memory (driver bounce buffer, no staging).
     */
    static String gpuStepBreakdown() {
        int n = 500;
        String key = "gwbench-steps-" + ProcessHandle.current().pid();
        ConversionSpec spec = new ConversionSpec(InputLayout.BAYER_RG8, W, H, YuvMatrix.BT601, YuvRange.LIMITED);
        long srcBytes = (long) W * H;
        long busyBytes = 64L << 20;
        try (GpuDevice dev = GpuRuntime.open(0);
             GpuConverter conv = dev.converter(spec, OutputFormat.NV12, 2);
             GpuConverter otherCamera = dev.converter(spec, OutputFormat.NV12, 2);
             PinnedBuffer pinned = dev.allocatePinned(srcBytes);
             Arena registeredArena = Arena.ofShared();
             DeviceBuffer busySrc = dev.allocateDevice(busyBytes);
             DeviceBuffer busyDst = dev.allocateDevice(busyBytes);
             Arena arena = Arena.ofShared();
             CuframesPublisher pub = CuframesPublisher.create(PublisherConfig.builder(key, PixelFormat.NV12, W, H)
                     .memory(SlotMemoryKind.CUDA_VMM).ringSize(4).runtimeDir(Files.createTempDirectory("gwsteps"))
                     .shutdownHook(false).build())) {
            MemorySegment pageable = arena.allocate(srcBytes, 4096);
            pageable.fill((byte) 7);
            // like the gateway's frame pool: page-aligned Java-allocated memory pinned with cuMemHostRegister
            MemorySegment registered = registeredArena.allocate(srcBytes + 64 * 1024, 4096);
            PinnedBuffer registration = dev.registerHost(registered);
            FrameGeometry g = pub.geometry();
            long[] copy = new long[n];
            long[] convert = new long[n];
            long[] publish = new long[n];
            long[] written = new long[n];
            long[] publishBusy = new long[n];
            long[] writtenBusy = new long[n];
            long[] direct = new long[n];
            long[] pinnedHot = new long[n];
            long[] registeredHot = new long[n];
            long[] registeredCold = new long[n];
            for (int i = 0; i < n; i++) {
                CuframesPublisher.AcquiredSlot slot = pub.acquire();
                long t0 = System.nanoTime();
                MemorySegment.copy(pageable, 0, pinned.segment(), 0, srcBytes);
                long t1 = System.nanoTime();
                conv.submit(pinned.segment(), W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t2 = System.nanoTime();
                pub.publish(i);
                long t3 = System.nanoTime();
                slot = pub.acquire();
                conv.submit(pinned.segment(), W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t4 = System.nanoTime();
                pub.publishWritten(i);
                long t5 = System.nanoTime();
                // another camera's stream busy with a large copy while this one publishes
                slot = pub.acquire();
                conv.submit(pinned.segment(), W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                busy(dev, otherCamera, busyDst.address(), busySrc.address(), busyBytes);
                long t6 = System.nanoTime();
                pub.publish(i);
                long t7 = System.nanoTime();
                otherCamera.synchronize();
                slot = pub.acquire();
                conv.submit(pinned.segment(), W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                busy(dev, otherCamera, busyDst.address(), busySrc.address(), busyBytes);
                long t8 = System.nanoTime();
                pub.publishWritten(i);
                long t9 = System.nanoTime();
                otherCamera.synchronize();
                slot = pub.acquire();
                long t10 = System.nanoTime();
                conv.submit(pageable, W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t11 = System.nanoTime();
                pub.publish(i);
                // DMA source variants, each just written by the CPU (as the receiver writes a frame) or not
                MemorySegment.copy(pageable, 0, pinned.segment(), 0, srcBytes);
                slot = pub.acquire();
                long t12 = System.nanoTime();
                conv.submit(pinned.segment(), W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t13 = System.nanoTime();
                pub.publishWritten(i);
                MemorySegment.copy(pageable, 0, registered, 0, srcBytes);
                slot = pub.acquire();
                long t14 = System.nanoTime();
                conv.submit(registered, W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t15 = System.nanoTime();
                pub.publishWritten(i);
                slot = pub.acquire();
                long t16 = System.nanoTime();
                conv.submit(registered, W, slot.pointer(), g.pitchY(), slot.pointer() + g.chromaOffset(), g.pitchUv()).await();
                long t17 = System.nanoTime();
                pub.publishWritten(i);
                pinnedHot[i] = t13 - t12;
                registeredHot[i] = t15 - t14;
                registeredCold[i] = t17 - t16;
                copy[i] = t1 - t0;
                convert[i] = t2 - t1;
                publish[i] = t3 - t2;
                written[i] = t5 - t4;
                publishBusy[i] = t7 - t6;
                writtenBusy[i] = t9 - t8;
                direct[i] = t11 - t10;
            }
            String line = String.format(Locale.ROOT, "GPU steps (median of %d, 1920x1080 BayerRG8 -> NV12 into a VMM slot): "
                            + "staging memcpy to pinned %.1f us, submit+await (H2D + kernel) %.1f us, "
                            + "publish() with cuCtxSynchronize %.1f us vs publishWritten() %.1f us (idle context), "
                            + "%.1f us vs %.1f us while another stream copies 64 MiB; "
                            + "submit+await from pageable memory instead %.1f us; "
                            + "submit+await just after a CPU write of the source: cuMemAllocHost %.1f us, "
                            + "cuMemHostRegister'ed (the frame pool's kind) %.1f us (%.1f us not just written)",
                    n, median(copy), median(convert), median(publish), median(written), median(publishBusy),
                    median(writtenBusy), median(direct), median(pinnedHot), median(registeredHot), median(registeredCold));
            registration.close();
            System.out.println(line);
            return line;
        } catch (IOException | RuntimeException e) {
            System.out.println("GPU step breakdown failed: " + e);
            return "failed: " + e;
        }
    }

    /** Queues a device-to-device copy on another converter's stream (another camera's work). */
    private static void busy(GpuDevice dev, GpuConverter other, long dst, long src, long bytes) {
        dev.makeCurrent();
        int rc = org.bytedeco.cuda.global.cudart.cuMemcpyDtoDAsync(dst, src, bytes, other.stream());
        if (rc != 0) {
            throw new IllegalStateException("cuMemcpyDtoDAsync failed: CUresult " + rc);
        }
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e3;
    }

    static void writeJson(Path out, GpuProbe probe, int seconds, List<Result> results, String breakdown) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"benchmark\": \"gateway frame-complete -> subscriber-visible latency\",\n");
        b.append(String.format(Locale.ROOT, "  \"setup\": \"simulator 127.0.0.x %dx%d BayerRG8 at %.0f fps -> NV12 BT.601 limited, "
                + "ring 4 DROP_OLDEST, in-process subscriber polling every 10 us, %d s per path, first %d frames warm-up\",\n",
                W, H, FPS, seconds, WARMUP));
        b.append("  \"gpu\": \"").append(probe.describe().replace("\"", "'")).append("\",\n");
        b.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            b.append(String.format(Locale.ROOT, "    {\"path\": \"%s\", \"reason\": \"%s\", \"samples\": %d, \"p50_us\": %.1f, "
                            + "\"p99_us\": %.1f, \"max_us\": %.1f, \"mean_us\": %.1f, \"published\": %d, \"incomplete\": %d, "
                            + "\"block_id_gaps\": %d, \"gateway_publish_mean_us\": %.1f, \"gateway_publish_max_us\": %.1f, "
                            + "\"stages\": %s, \"process_cpu_cores\": %.2f}%s%n",
                    r.path, r.reason.replace("\"", "'"), r.samples, r.p50us, r.p99us, r.maxUs, r.meanUs, r.published,
                    r.incomplete, r.gaps, r.gatewayPublishMeanUs, r.gatewayPublishMaxUs, r.stages.json(), r.cores,
                    i + 1 < results.size() ? "," : ""));
        }
        b.append("  ]");
        if (breakdown != null) {
            b.append(",\n  \"gpu_steps\": \"").append(breakdown.replace("\"", "'")).append('"');
        }
        b.append("\n}\n");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, b.toString());
    }
}
