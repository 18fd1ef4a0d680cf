package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
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
import io.gevgate.simulator.roce.RocePacketizer;
import io.gevgate.simulator.stream.LossInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulator (GVCP + RoCEv2, 3 % packet loss) → {@link Gateway} with {@code rdma("soft")} → soft
 * RoCE → GenDC Intensity part → CPU NV12 → cuframes → one Java (STRICT_ORDER) and one C subscriber
 * (dump file). Every frame either subscriber got must be the reference conversion of the exact
 * source pattern of some simulator frame number, numbers strictly increasing; a frame that lost a
 * packet keeps an older frame's bytes in its page, so publishing one would fail that comparison;
 * and the emitter's own log of frames that lost a packet (any flow, also those the Intensity
 * comparison cannot see) must not meet the frames either subscriber got.
 * Loopback 127.0.0.46 (127.0.0.30-32 are taken by simulator tests).
 */
@Timeout(180)
class GatewayRdmaEndToEndTest {
    private static final long SEED = 0x6A7E_0DA1L;
    private static final int W = 64;
    private static final int H = 32;
    private static final int FRAMES = 150;
    private static final int MAX_SKIP = 256;
    /** The gateway waits for both subscribers; STRICT_ORDER starts after initial_seq, so each sees seq 0 on. */
    private static final int C_FRAMES = FRAMES;
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    /** Reference NV12 of simulator frame {@code n}'s Intensity pattern, cached by frame number. */
    private static final class Reference implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final FrameConverter conv = FrameConverter.create(
                new ConversionSpec(InputLayout.MONO8, W, H, YuvMatrix.BT601, YuvRange.FULL), 1);
        private final FrameGeometry g;
        private final MemorySegment source = arena.allocate((long) W * H);
        private final Map<Long, MemorySegment> cache = new HashMap<>();

        Reference(FrameGeometry g) {
            this.g = g;
        }

        synchronized MemorySegment of(long n) {
            return cache.computeIfAbsent(n, k -> {
                RocePacketizer.pattern(k, 0, 0, source);
                MemorySegment out = arena.allocate(g.frameSize());
                long y = g.chromaOffset();
                conv.toNv12(source, W, out.asSlice(0, y), g.pitchY(), out.asSlice(y, g.frameSize() - y), g.pitchUv());
                return out;
            });
        }

        /** The frame number after {@code after} whose reference equals {@code frame}, or -1. */
        long identify(MemorySegment frame, long after) {
            for (long n = after + 1; n <= after + MAX_SKIP; n++) {
                if (of(n).mismatch(frame) == -1) {
                    return n;
                }
            }
            return -1;
        }

        @Override
        public void close() {
            conv.close();
            arena.close();
        }
    }

    @Test
    void lossyRdmaStreamPublishesOnlyExactCompleteFramesToJavaAndCSubscribers() throws Exception {
        CSubscriberPeer.build(); // skips the test (assumption) where gcc is missing
        String key = "gwrdma" + ProcessHandle.current().pid();
        FrameGeometry g = SlotWriters.geometry(PublishFormat.NV12, InputLayout.MONO8, W, H, 1);
        System.out.println("rdma gateway e2e: loss seed 0x" + Long.toHexString(SEED));
        InetAddress addr = InetAddress.getByName("127.0.0.46");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             Reference ref = new Reference(g);
             Gateway gw = new Gateway(new GatewayOptions().camera(addr).key(key).runtimeDir(dir).rdma("soft")
                     .format(PublishFormat.NV12).yuv(YuvMatrix.BT601, YuvRange.FULL).noGpu(true)
                     .pixelFormat("Mono8").size(W, H).frameRate(100.0).cpuThreads(1).maxFrames(FRAMES)
                     .policy(Policy.STRICT_WAIT, 10_000).ringSize(8).waitForSubscribers(2))) {
            dev.rdma().loss(LossInjection.random(0.03, SEED));
            CompletableFuture<Gateway.Outcome> run = new CompletableFuture<>();
            Thread.ofPlatform().name("rdma-e2e-gateway").daemon().start(() -> {
                try {
                    run.complete(gw.run());
                } catch (Throwable t) {
                    run.completeExceptionally(t);
                }
            });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (gw.publisher() == null && !run.isDone() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(gw.publisher()).as("publisher created (gateway: %s)", run.isDone() ? run : "running").isNotNull();
            Path dump = dir.resolve("c-frames.bin");
            CSubscriberPeer.Running c = CSubscriberPeer.start(dir.toString(), key, Integer.toString(C_FRAMES), "1", "120000",
                    dump.toString());
            List<Long> javaFrames = new ArrayList<>();
            Map<Long, Long> javaFrameOfSeq = new HashMap<>();
            List<String> problems = new ArrayList<>();
            try (CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                    .mode(SubscriberMode.STRICT_ORDER).connectTimeoutMs(10_000).build());
                 Arena arena = Arena.ofConfined()) {
                assertThat(sub.geometry()).isEqualTo(g);
                MemorySegment buf = arena.allocate(g.frameSize(), 64);
                long last = -1;
                long lastPts = Long.MIN_VALUE;
                long readEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                long lastSeq = -1;
                while (lastSeq < FRAMES - 1 && System.nanoTime() < readEnd
                        && !(run.isDone() && run.isCompletedExceptionally())) {
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
                    boolean intact = f.copyTo(buf);
                    long seq = f.seq();
                    long pts = f.ptsNs();
                    sub.release(f);
                    if (!intact) {
                        problems.add("seq " + seq + " torn");
                        continue;
                    }
                    assertThat(seq).as("STRICT_WAIT + STRICT_ORDER: every seq in order from 0").isEqualTo(lastSeq + 1);
                    lastSeq = seq;
                    assertThat(pts).as("pts (the record's first-data time, ms resolution in the simulator) never goes back")
                            .isGreaterThanOrEqualTo(lastPts);
                    lastPts = pts;
                    long n = ref.identify(buf, last);
                    if (n < 0) {
                        problems.add("seq " + seq + " is not the exact conversion of any simulator frame after " + last);
                        continue;
                    }
                    javaFrames.add(n);
                    javaFrameOfSeq.put(seq, n);
                    last = n;
                }
            }
            assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(Gateway.Outcome.FRAME_LIMIT);
            assertThat(c.awaitExit(60)).as("C subscriber finished").isTrue();
            String cLast = c.lastLine();
            GatewayStats st = gw.stats();
            System.out.printf("rdma gateway e2e: published %d, incomplete %d, gaps %d, late %d, mismatched %d, "
                            + "conversion errors %d; %s%n", st.framesPublished(), st.framesIncomplete(), st.blockIdGaps(),
                    st.framesLate(), st.framesMismatched(), st.conversionErrors(), gw.statusLine());

            assertThat(problems).as("Java subscriber problems").isEmpty();
            assertThat(javaFrames).hasSize(FRAMES);
            assertThat(javaFrameOfSeq).containsKey((long) FRAMES - 1);
            assertThat(st.framesPublished()).isEqualTo(FRAMES);
            assertThat(st.framesIncomplete()).as("loss was injected: incomplete frames counted").isPositive();
            assertThat(st.framesMismatched() + st.conversionErrors()).isZero();
            assertThat(javaFrames.getLast() + 1 - javaFrames.getFirst())
                    .as("frame numbers spanned = published + withheld (incomplete or never closed)")
                    .isGreaterThan(javaFrames.size());

            assertThat(c.process().exitValue()).as("C subscriber: %s", cLast).isZero();
            assertThat(cLast).isEqualTo("DONE received=" + C_FRAMES + " gaps=0 bad=0 torn=0");
            byte[] all = Files.readAllBytes(dump);
            long rec = 16 + g.frameSize();
            assertThat((long) all.length).as("dump size").isEqualTo(rec * C_FRAMES);
            MemorySegment seg = MemorySegment.ofArray(all);
            List<Long> cFrames = new ArrayList<>();
            long last = -1;
            for (long off = 0; off < all.length; off += rec) {
                long seq = seg.get(LE64, off);
                long n = ref.identify(seg.asSlice(off + 16, g.frameSize()), last);
                assertThat(n).as("C subscriber frame seq %d is the exact conversion of a simulator frame", seq).isNotNegative();
                cFrames.add(n);
                last = n;
                if (javaFrameOfSeq.containsKey(seq)) {
                    assertThat(n).as("C and Java subscriber agree on seq %d", seq).isEqualTo(javaFrameOfSeq.get(seq));
                }
            }
            assertThat(cFrames).hasSize(C_FRAMES);

            // the device side's own record: no frame that lost a packet on the wire reached a subscriber
            // (this also covers losses in flows 0 and 2, which the Intensity comparison cannot see)
            assertThat(dev.rdma().streamsStarted()).as("one stream: frame numbers did not restart").isEqualTo(1);
            Set<Long> lossy = new HashSet<>();
            for (long n : dev.rdma().latestEmitter().counters().framesWithDroppedPackets()) {
                lossy.add(n);
            }
            System.out.println("rdma gateway e2e: " + lossy.size() + " frames lost packets on the wire; emitter "
                    + dev.rdma().latestEmitter().counters());
            assertThat(lossy).as("frames that lost packets (seed 0x%x)", SEED).isNotEmpty();
            assertThat(javaFrames).as("Java subscriber frames that lost packets").doesNotContainAnyElementsOf(lossy);
            assertThat(cFrames).as("C subscriber frames that lost packets").doesNotContainAnyElementsOf(lossy);
            long lossyInRange = lossy.stream().filter(n -> n > javaFrames.getFirst() && n < javaFrames.getLast()).count();
            assertThat(lossyInRange).as("lossy frames among those the subscriber's span covers").isPositive();
        }
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
        assertThat(Files.exists(dir.resolve(key + ".sock"))).as("socket removed").isFalse();
    }
}
