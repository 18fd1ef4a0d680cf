package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.CuframesException;
import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.Policy;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.stream.LossInjection;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulator → gateway → Java and C subscribers, every published frame checked against the CPU
 * reference conversion of the simulator's pattern (127.0.0.190-191). Mono8 → full-range NV12, so
 * the frame counter is readable from the Y plane and each frame is identified exactly (see
 * {@link PatternReference#identify}); the Bayer and colour paths are covered by the converter's
 * own property tests against its reference implementation.
 */
class GatewayEndToEndTest {
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final int W = 320;
    private static final int H = 240;
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    /** One frame as a subscriber saw it, already matched to a simulator frame counter. */
    record Seen(long seq, long pts, long counter, long arrivalNanos) {
    }

    private static String key() {
        return "gwt" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet();
    }

    private GatewayOptions options(String address, String key) throws Exception {
        return new GatewayOptions().camera(InetAddress.getByName(address)).key(key).runtimeDir(dir)
                .format(PublishFormat.NV12).yuv(YuvMatrix.BT601, YuvRange.FULL)
                .pixelFormat("Mono8").size(W, H).cpuThreads(1)
                // loaded 2-core CI: keep the 1 ms first request, relax re-request and retention
                .receiverTuning(c -> c.packetTimeout(Duration.ofMillis(50)).frameRetention(Duration.ofSeconds(2))
                        .resendRatio(1.0));
    }

    private static PatternReference reference() {
        FrameGeometry g = SlotWriters.geometry(PublishFormat.NV12, InputLayout.MONO8, W, H, 1);
        return new PatternReference(new ConversionSpec(InputLayout.MONO8, W, H, YuvMatrix.BT601, YuvRange.FULL),
                PublishFormat.NV12, g);
    }

    /** On its own platform thread: the common pool has a single thread on a 2-core host. */
    private static CompletableFuture<Gateway.Outcome> runAsync(Gateway gw) {
        CompletableFuture<Gateway.Outcome> f = new CompletableFuture<>();
        Thread.ofPlatform().name("e2e-gateway").daemon().start(() -> {
            try {
                f.complete(gw.run());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    private static <T> T await(java.util.function.Supplier<T> s, Duration max, String what) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            T v = s.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /**
     * Reads frames until {@code stopWhen} says so or the publisher goes away; each frame is copied,
     * checked intact and matched to a simulator counter (problems collected, not thrown).
     */
    private static List<Seen> subscribe(CuframesSubscriber sub, PatternReference ref, int max, List<String> problems,
                                        java.util.function.BooleanSupplier stopWhen) {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        long frameSize = sub.geometry().frameSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(frameSize, 64);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // bounded even if the gateway dies
            while (seen.size() < max && !stopWhen.getAsBoolean() && System.nanoTime() < end) {
                Frame f;
                try {
                    f = sub.next(500);
                } catch (CuframesException e) {
                    problems.add("subscriber: " + e.getMessage());
                    break;
                }
                if (f == null) {
                    continue;
                }
                long arrival = System.nanoTime();
                boolean intact = f.copyTo(buf);
                long seq = f.seq();
                long pts = f.ptsNs();
                sub.release(f);
                if (!intact) {
                    problems.add("seq " + seq + " torn");
                    continue;
                }
                long n = ref.identify(buf);
                if (n < 0) {
                    problems.add("seq " + seq + " is not the reference conversion of the simulator frame it names");
                    continue;
                }
                seen.add(new Seen(seq, pts, n, arrival));
            }
        }
        return seen;
    }

    /** Strictly increasing seqs and, per simulator run (epoch), strictly increasing counters: nothing twice. */
    private static int checkOrder(List<Seen> seen) {
        int epochs = 1;
        for (int i = 1; i < seen.size(); i++) {
            Seen a = seen.get(i - 1);
            Seen b = seen.get(i);
            assertThat(b.seq()).as("seq after %d", a.seq()).isGreaterThan(a.seq());
            if (b.counter() <= a.counter()) {
                epochs++; // the simulator restarted: its counter starts again at 0
                assertThat(b.counter()).as("counter after a restart").isLessThan(a.counter());
            }
        }
        return epochs;
    }

    @Test
    void thousandFramesWithOnePercentLossReachJavaAndCSubscribersBitExact() throws Exception {
        CSubscriberPeer.build(); // skips the test (assumption) where gcc is missing
        String key = key();
        InetAddress addr = InetAddress.getByName("127.0.0.190");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev,
                     SimulatedStreamChannel.Options.defaults().withLoss(LossInjection.random(0.01, 0x6A7E1L)));
             PatternReference ref = reference();
             Gateway gw = new Gateway(options("127.0.0.190", key).frameRate(100.0).maxFrames(1000)
                     .policy(Policy.STRICT_WAIT, 10_000).ringSize(8).waitForSubscribers(2))) {
            CompletableFuture<Gateway.Outcome> run = runAsync(gw);
            await(gw::publisher, Duration.ofSeconds(30), "the publisher");
            Path dump = dir.resolve("c-frames.bin");
            CSubscriberPeer.Running c = CSubscriberPeer.start(dir.toString(), key, "1000", "1", "120000", dump.toString());
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Seen> java;
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .mode(SubscriberMode.STRICT_ORDER).connectTimeoutMs(10_000).build())) {
                java = subscribe(sub, ref, 1000, problems, () -> run.isDone() && run.isCompletedExceptionally());
            }
            System.out.println("gateway e2e: " + gw.statusLine());
            assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(Gateway.Outcome.FRAME_LIMIT);
            assertThat(c.awaitExit(60)).as("C subscriber finished").isTrue();
            String cLast = c.lastLine();

            assertThat(problems).as("Java subscriber problems").isEmpty();
            assertThat(java).hasSize(1000);
            for (int i = 0; i < java.size(); i++) {
                assertThat(java.get(i).seq()).as("STRICT_WAIT + STRICT_ORDER: every seq in order").isEqualTo(i);
            }
            assertThat(checkOrder(java)).as("one simulator run").isEqualTo(1);
            assertThat(gw.stats().framesPublished()).isEqualTo(1000);
            assertThat(gw.stats().framesIncomplete() + gw.stats().framesLate() + gw.stats().framesMismatched())
                    .as("frames withheld (incomplete, late, mismatched) stay a small fraction").isLessThan(200);
            assertThat(ch.emitter() == null ? 1 : ch.emitter().counters().packetsDropped())
                    .as("loss was injected").isGreaterThan(0);

            assertThat(c.process().exitValue()).as("C subscriber: %s", cLast).isZero();
            assertThat(cLast).isEqualTo("DONE received=1000 gaps=0 bad=0 torn=0");
            List<Seen> cSeen = verifyDump(dump, ref, 1000);
            assertThat(cSeen).extracting(Seen::counter).containsExactlyElementsOf(java.stream().map(Seen::counter).toList());
            System.out.println("gateway e2e: " + gw.statusLine() + "; resend requests " + gw.stats().resendRequestsOfClosedSessions());
        }
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
        assertThat(Files.exists(dir.resolve(key + ".sock"))).as("socket removed").isFalse();
    }

    /**
     * Small packets (a frame spans many receive batches) and 1 % loss: the CPU writer converts the
     * rows a frame's final prefix completes while the rest still arrives (and waits at a lost
     * packet until its resend), and every frame must still be the exact reference conversion.
     */
    @Test
    void framesConvertedWhileTheyArriveAreBitExactUnderLoss() throws Exception {
        String key = key();
        InetAddress addr = InetAddress.getByName("127.0.0.195");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev,
                     SimulatedStreamChannel.Options.defaults().withLoss(LossInjection.random(0.01, 0x9E10ADL)));
             PatternReference ref = reference();
             Gateway gw = new Gateway(options("127.0.0.195", key).packetSize(1500).frameRate(60.0).maxFrames(300)
                     .policy(Policy.STRICT_WAIT, 10_000).ringSize(8).waitForSubscribers(1))) {
            CompletableFuture<Gateway.Outcome> run = runAsync(gw);
            await(gw::publisher, Duration.ofSeconds(30), "the publisher");
            List<String> problems = new CopyOnWriteArrayList<>();
            List<Seen> java;
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .mode(SubscriberMode.STRICT_ORDER).connectTimeoutMs(10_000).build())) {
                java = subscribe(sub, ref, 300, problems, () -> run.isDone() && run.isCompletedExceptionally());
            }
            assertThat(run.get(120, TimeUnit.SECONDS)).isEqualTo(Gateway.Outcome.FRAME_LIMIT);
            System.out.println("converted while arriving: " + gw.preloadedFrames() + " of " + gw.stats().framesPublished()
                    + " frames; " + gw.statusLine());
            assertThat(problems).as("frames that are not the exact reference conversion").isEmpty();
            assertThat(java).hasSize(300);
            assertThat(checkOrder(java)).isEqualTo(1);
            assertThat(ch.emitter() == null ? 1 : ch.emitter().counters().packetsDropped()).as("loss was injected")
                    .isGreaterThan(0);
        }
    }

    private static List<Seen> verifyDump(Path dump, PatternReference ref, int expectedFrames) throws Exception {
        byte[] all = Files.readAllBytes(dump);
        MemorySegment seg = MemorySegment.ofArray(all);
        long frameSize = SlotWriters.geometry(PublishFormat.NV12, InputLayout.MONO8, W, H, 1).frameSize();
        long rec = 16 + frameSize;
        assertThat((long) all.length).as("dump size").isEqualTo(rec * expectedFrames);
        List<Seen> out = new ArrayList<>();
        for (long off = 0; off < all.length; off += rec) {
            long seq = seg.get(LE64, off);
            long n = ref.identify(seg.asSlice(off + 16, frameSize));
            assertThat(n).as("C subscriber frame seq %d is the reference conversion of its simulator frame", seq).isNotNegative();
            out.add(new Seen(seq, seg.get(LE64, off + 8), n, 0));
        }
        return out;
    }

    @Test
    void simulatorGoneForSevenSecondsThenBackSubscribersSeeAPauseOnly() throws Exception {
        String key = key();
        InetAddress addr = InetAddress.getByName("127.0.0.191");
        // 1.5 s: a heartbeat that a loaded machine delays by up to 1 s is not taken for a lost
        // camera; the loss is still seen (<= 2.5 s) early enough in the 7 s outage for reconnect
        // attempts (1.5 s each) to fail before the camera is back
        SimulatorConfig simCfg = SimulatorConfig.defaults(addr).withHeartbeatTimeoutMs(1500);
        SimulatedDevice dev = SimulatedDevice.start(simCfg);
        SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
        try (PatternReference ref = reference();
             Gateway gw = new Gateway(options("127.0.0.191", key).frameRate(50.0).waitForSubscribers(1)
                     .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)))) {
            CompletableFuture<Gateway.Outcome> run = runAsync(gw);
            await(gw::publisher, Duration.ofSeconds(30), "the publisher");
            List<String> problems = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            CompletableFuture<List<Seen>> reader;
            CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .mode(SubscriberMode.NEWEST_ONLY).connectTimeoutMs(10_000).build());
            List<Seen> live = new CopyOnWriteArrayList<>();
            reader = new CompletableFuture<>();
            CompletableFuture<List<Seen>> readerResult = reader;
            Thread.ofPlatform().name("e2e-subscriber").daemon().start(() -> {
                try {
                    readerResult.complete(subscribe(sub, ref, Integer.MAX_VALUE, problems, stop::get));
                } catch (Throwable t) {
                    readerResult.completeExceptionally(t);
                }
            });
            try {
                // ~50 frames before the simulator goes away
                await(() -> gw.stats().framesPublished() >= 50 ? Boolean.TRUE : null, Duration.ofSeconds(30), "50 frames");
                ch.close();
                dev.close(); // the camera is gone: no GVCP answers, no stream
                // Frames already received whole may still be published after the close (a loaded
                // machine runs the gateway late): count from one second into the outage.
                Thread.sleep(1000);
                long publishedBefore = gw.stats().framesPublished();
                Thread.sleep(6000); // the rest of the 7 s outage
                long publishedDuringOutage = gw.stats().framesPublished() - publishedBefore;
                dev = SimulatedDevice.start(simCfg);
                ch = SimulatedStreamChannel.attach(dev);
                long back = gw.stats().framesPublished();
                await(() -> gw.stats().framesPublished() >= back + 50 ? Boolean.TRUE : null, Duration.ofSeconds(40),
                        "50 frames after the restart");
                stop.set(true);
                List<Seen> seen = reader.get(30, TimeUnit.SECONDS);
                assertThat(problems).as("subscriber problems (a reconnect would show here)").isEmpty();
                assertThat(publishedDuringOutage).as("frames published while the camera was gone").isLessThanOrEqualTo(2);
                assertThat(checkOrder(seen)).as("two simulator runs seen by the same subscriber").isEqualTo(2);
                long maxPause = 0;
                for (int i = 1; i < seen.size(); i++) {
                    maxPause = Math.max(maxPause, seen.get(i).arrivalNanos() - seen.get(i - 1).arrivalNanos());
                }
                assertThat(maxPause).as("subscriber saw a pause").isGreaterThan(TimeUnit.SECONDS.toNanos(4));
                assertThat(gw.stats().cameraLosses()).isEqualTo(1);
                assertThat(gw.stats().connects()).isEqualTo(2);
                assertThat(gw.stats().connectFailures()).as("reconnect attempts while the camera was gone").isGreaterThan(0);
                assertThat(sub.assignedBit()).as("still the same subscription").isPositive();
                System.out.println("restart: " + gw.statusLine());
                gw.requestStop();
                assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(Gateway.Outcome.STOPPED);
            } finally {
                stop.set(true);
                gw.requestStop();
                sub.close();
            }
        } finally {
            ch.close();
            dev.close();
        }
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
    }
}
