package io.gevgate.bridge.cuframes.bench;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.gevgate.bridge.cuframes.CuframesException;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.memory.SlotMemoryKind;

/**
 * End-to-end cuframes benchmark, 1920x1080 NV12, on memfd slots or CUDA VMM slots (run by
 * bench/cuframes-bench.sh and, on the GPU host, gpu-bundle/cuframes-bench.sh; never part of the test suite).
 *
 * <p>Arguments: {@code [memfd|vmm] [out.json] [frames] [period_us]} (the mode may be left out: memfd).
 * In VMM mode the publisher's frame work is a device-to-device copy of the 3.1 MB frame into the
 * slot's device pointer on a CUDA stream followed by a stream synchronise ({@link GpuFrameFill});
 * subscribers import the VMM FDs (cuMemImportFromShareableHandle + map) exactly as another process
 * would. The VMM baseline does the same GPU copy into plain cuMemAlloc memory, then the AtomicLong
 * store.
 *
 * <p>Latency: the publisher writes a full frame, stamps {@code pts = System.nanoTime()}
 * (CLOCK_MONOTONIC) right before {@code publish()}, subscribers (threads of this JVM, each with its
 * own socket, header mapping and slot mappings) take {@code nanoTime() - pts} when {@code next()}
 * returns. Baseline in the same run: the same publisher work (3.1 MB copy) and the same wait
 * strategy polling a plain AtomicLong (the floor of any polling design). Throughput: acquire+publish with and without the 3.1 MB frame copy,
 * against a bare memcpy loop.
 */
public final class CuframesBench {
    static final int W = 1920;
    static final int H = 1080;

    /** VMM mode: the GPU frame writer; null in memfd mode. */
    private static GpuFrameFill gpu;
    private static SlotMemoryKind kind = SlotMemoryKind.MEMFD;

    private CuframesBench() {
    }

    private static String modeName() {
        return kind == SlotMemoryKind.CUDA_VMM ? "vmm" : "memfd";
    }

    record Lat(String name, int subscribers, String waitMode, long samples, double p50, double p99, double p999, double max,
               long gaps) {
    }

    record Rate(String name, double perSecond, double gbPerSecond) {
    }

    public static void main(String[] args) throws Exception {
        int a0 = 0;
        if (args.length > 0 && (args[0].equals("memfd") || args[0].equals("vmm"))) {
            kind = args[0].equals("vmm") ? SlotMemoryKind.CUDA_VMM : SlotMemoryKind.MEMFD;
            a0 = 1;
        } else if (args.length > 0 && args[0].matches("[a-z]+")) {
            throw new IllegalArgumentException("mode: expected memfd or vmm but found " + args[0]);
        }
        Path out = Path.of(args.length > a0 ? args[a0] : "bench/results/cuframes-bench.json");
        int frames = args.length > a0 + 1 ? Integer.parseInt(args[a0 + 1]) : 3000;
        int periodUs = args.length > a0 + 2 ? Integer.parseInt(args[a0 + 2]) : 2000;
        if (kind == SlotMemoryKind.CUDA_VMM) {
            gpu = new GpuFrameFill(0, (long) W * H * 3 / 2);
        }
        Path dir = Files.createTempDirectory("cuframes-bench");
        List<Lat> lats = new ArrayList<>();
        List<Rate> rates = new ArrayList<>();
        try {
            for (String wait : List.of("park50us", "spin")) {
                long spin = wait.equals("spin") ? 5_000_000L : 0;
                lats.add(baseline(1, frames, periodUs, spin, wait));
                lats.add(latency(dir, 1, frames, periodUs, spin, wait));
                lats.add(latency(dir, 4, frames, periodUs, spin, wait));
            }
            rates.add(gpu != null ? gpuCopyBaseline() : memcpyBaseline());
            rates.add(publishRate(dir, false, 0));
            rates.add(publishRate(dir, true, 0));
            rates.add(publishRate(dir, true, 1));
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
            if (gpu != null) {
                gpu.close();
            }
        }
        print(lats, rates, frames, periodUs);
        writeJson(out, lats, rates, frames, periodUs);
        System.out.println("JSON: " + out);
    }

    private static double us(long ns) {
        return ns / 1000.0;
    }

    private static Lat summarize(String name, int subs, String wait, long[] all, int n, long gaps) {
        long[] v = Arrays.copyOf(all, n);
        Arrays.sort(v);
        return new Lat(name, subs, wait, n, us(v[n / 2]), us(v[(int) (n * 0.99)]), us(v[Math.min(n - 1, (int) (n * 0.999))]),
                us(v[n - 1]), gaps);
    }

    private static PublisherConfig config(Path dir, String key) {
        return PublisherConfig.builder(key, PixelFormat.NV12, W, H).ringSize(4).memory(kind)
                .runtimeDir(dir).shutdownHook(false).build();
    }

    private static void waitStep(long start, long spinNs) {
        if (System.nanoTime() - start < spinNs) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(50_000);
        }
    }

    /** Same wait strategy, no cuframes: a thread polling an AtomicLong holding the publish timestamp. */
    static Lat baseline(int subs, int frames, int periodUs, long spinNs, String wait) throws Exception {
        AtomicLong slot = new AtomicLong(-1);
        long[] lat = new long[frames];
        CountDownLatch ready = new CountDownLatch(1);
        Thread t = Thread.ofPlatform().start(() -> {
            long last = -1;
            int n = 0;
            ready.countDown();
            while (n < frames) {
                long start = System.nanoTime();
                long v;
                while ((v = slot.get()) == last) {
                    waitStep(start, spinNs);
                    if (System.nanoTime() - start > 2_000_000_000L) {
                        return;
                    }
                }
                lat[n++] = System.nanoTime() - v;
                last = v;
            }
        });
        ready.await();
        try (Arena a = Arena.ofConfined()) {
            // The same publisher work as the cuframes run (a 3.1 MB frame copy: host memcpy, or the
            // GPU copy + stream synchronise in VMM mode), then one store.
            long size = (long) W * H * 3 / 2;
            MemorySegment src = a.allocate(size, 64).fill((byte) 0x42);
            MemorySegment dst = a.allocate(size, 64);
            for (int i = 0; i < frames; i++) {
                if (gpu != null) {
                    gpu.fill(gpu.scratch());
                } else {
                    MemorySegment.copy(src, 0, dst, 0, size);
                }
                slot.set(System.nanoTime());
                LockSupport.parkNanos(periodUs * 1000L);
            }
        }
        t.join();
        return summarize("baseline AtomicLong poll", subs, wait, lat, frames, 0);
    }

    static Lat latency(Path dir, int subs, int frames, int periodUs, long spinNs, String wait) throws Exception {
        String key = "bench" + ProcessHandle.current().pid() + "-" + modeName() + subs + wait;
        long[][] lat = new long[subs][frames];
        int[] counts = new int[subs];
        long[] gaps = new long[subs];
        AtomicBoolean stop = new AtomicBoolean();
        try (CuframesPublisher pub = CuframesPublisher.create(config(dir, key));
             Arena arena = Arena.ofShared()) {
            MemorySegment src = arena.allocate(pub.geometry().frameSize(), 64).fill((byte) 0x42);
            CountDownLatch ready = new CountDownLatch(subs);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < subs; s++) {
                int idx = s;
                threads.add(Thread.ofPlatform().name("bench-sub-" + s).start(() -> {
                    try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                            .name("bench" + idx).spinNs(spinNs).build())) {
                        ready.countDown();
                        while (!stop.get() && counts[idx] < frames) {
                            Frame f = sub.next(200);
                            if (f == null) {
                                continue;
                            }
                            long now = System.nanoTime();
                            lat[idx][counts[idx]++] = now - f.ptsNs();
                            sub.release(f);
                        }
                        gaps[idx] = sub.stats().gaps();
                    } catch (CuframesException e) {
                        if (!stop.get()) {
                            throw e;
                        }
                    }
                }));
            }
            ready.await();
            for (int i = 0; i < frames; i++) {
                CuframesPublisher.AcquiredSlot slot = pub.acquire();
                if (gpu != null) {
                    gpu.fill(slot.pointer());
                } else {
                    MemorySegment.copy(src, 0, slot.host(), 0, src.byteSize());
                }
                pub.publish(System.nanoTime());
                LockSupport.parkNanos(periodUs * 1000L);
            }
            Thread.sleep(300);
            stop.set(true);
            for (Thread t : threads) {
                t.join(5000);
            }
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        long g = 0;
        for (int s = 0; s < subs; s++) {
            System.arraycopy(lat[s], 0, all, k, counts[s]);
            k += counts[s];
            g += gaps[s];
        }
        return summarize("cuframes publish->next", subs, wait, all, total, g);
    }

    static Rate memcpyBaseline() {
        try (Arena a = Arena.ofConfined()) {
            long size = (long) W * H * 3 / 2;
            MemorySegment src = a.allocate(size, 64).fill((byte) 1);
            MemorySegment dst = a.allocate(size, 64);
            long n = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 2_000_000_000L) {
                MemorySegment.copy(src, 0, dst, 0, size);
                n++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return new Rate("baseline memcpy 3.1 MB", n / s, n * size / s / 1e9);
        }
    }

    /** VMM mode's throughput floor: the same GPU copy + synchronise into plain cuMemAlloc memory. */
    static Rate gpuCopyBaseline() {
        long size = (long) W * H * 3 / 2;
        long n = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 2_000_000_000L) {
            gpu.fill(gpu.scratch());
            n++;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        return new Rate("baseline GPU D2D copy 3.1 MB", n / s, n * size / s / 1e9);
    }

    static Rate publishRate(Path dir, boolean copy, int subs) throws Exception {
        String key = "benchrate" + ProcessHandle.current().pid() + modeName() + (copy ? "c" : "n") + subs;
        AtomicBoolean stop = new AtomicBoolean();
        try (CuframesPublisher pub = CuframesPublisher.create(config(dir, key));
             Arena a = Arena.ofShared()) {
            MemorySegment src = a.allocate(pub.geometry().frameSize(), 64).fill((byte) 3);
            Thread reader = null;
            if (subs > 0) {
                CountDownLatch ready = new CountDownLatch(1);
                reader = Thread.ofPlatform().start(() -> {
                    try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir).build())) {
                        ready.countDown();
                        while (!stop.get()) {
                            sub.release(sub.next(100));
                        }
                    }
                });
                ready.await();
            }
            long n = 0;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 2_000_000_000L) {
                CuframesPublisher.AcquiredSlot s = pub.acquire();
                if (copy && gpu != null) {
                    gpu.fill(s.pointer());
                } else if (copy) {
                    MemorySegment.copy(src, 0, s.host(), 0, src.byteSize());
                }
                pub.publish(n++);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            if (reader != null) {
                reader.join(5000);
            }
            String what = gpu != null ? "with 3.1 MB GPU copy" : "with 3.1 MB copy";
            String name = "publish " + (copy ? what : "only (no data)") + ", " + subs + " sub";
            return new Rate(name, n / secs, copy ? n * src.byteSize() / secs / 1e9 : 0);
        }
    }

    static void print(List<Lat> lats, List<Rate> rates, int frames, int periodUs) {
        System.out.printf(Locale.ROOT, "%ncuframes %s 1920x1080 NV12, ring 4, %d frames at %d us period, %d CPUs%n",
                modeName(), frames, periodUs, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-26s %4s %-9s %7s %9s %9s %9s %9s %6s%n", "latency", "subs", "wait", "samples",
                "p50 us", "p99 us", "p99.9 us", "max us", "gaps");
        for (Lat l : lats) {
            System.out.printf(Locale.ROOT, "%-26s %4d %-9s %7d %9.1f %9.1f %9.1f %9.1f %6d%n", l.name(), l.subscribers(),
                    l.waitMode(), l.samples(), l.p50(), l.p99(), l.p999(), l.max(), l.gaps());
        }
        System.out.printf(Locale.ROOT, "%n%-36s %12s %8s%n", "throughput", "per second", "GB/s");
        for (Rate r : rates) {
            System.out.printf(Locale.ROOT, "%-36s %12.0f %8.2f%n", r.name(), r.perSecond(), r.gbPerSecond());
        }
        System.out.printf(Locale.ROOT, "publish-with-copy / copy baseline = %.2f%n", rates.get(2).perSecond() / rates.get(0).perSecond());
    }

    static void writeJson(Path out, List<Lat> lats, List<Rate> rates, int frames, int periodUs) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"benchmark\": \"cuframes-" + modeName() + "-1080p-nv12\",\n");
        b.append(String.format(Locale.ROOT, "  \"frames\": %d, \"period_us\": %d, \"cpus\": %d,%n", frames, periodUs,
                Runtime.getRuntime().availableProcessors()));
        b.append("  \"latency\": [\n");
        for (int i = 0; i < lats.size(); i++) {
            Lat l = lats.get(i);
            b.append(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"subscribers\": %d, \"wait\": \"%s\", \"samples\": %d,"
                            + " \"p50_us\": %.1f, \"p99_us\": %.1f, \"p999_us\": %.1f, \"max_us\": %.1f, \"gaps\": %d}%s%n",
                    l.name(), l.subscribers(), l.waitMode(), l.samples(), l.p50(), l.p99(), l.p999(), l.max(), l.gaps(),
                    i + 1 < lats.size() ? "," : ""));
        }
        b.append("  ],\n  \"throughput\": [\n");
        for (int i = 0; i < rates.size(); i++) {
            Rate r = rates.get(i);
            b.append(String.format(Locale.ROOT, "    {\"name\": \"%s\", \"per_second\": %.0f, \"gb_per_second\": %.2f}%s%n",
                    r.name(), r.perSecond(), r.gbPerSecond(), i + 1 < rates.size() ? "," : ""));
        }
        b.append("  ]\n}\n");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, b.toString());
    }
}
