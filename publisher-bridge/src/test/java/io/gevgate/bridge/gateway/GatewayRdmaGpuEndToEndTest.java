package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.Policy;
import io.gevgate.bridge.gpu.GpuRuntime;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.roce.RoceEmitter;
import io.gevgate.simulator.roce.RocePacketizer;
import io.gevgate.simulator.stream.LossInjection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole RDMA path on a GPU: simulator (GVCP + RoCEv2 with injected packet loss, seed printed)
 * → {@link Gateway} with {@code rdma("soft")} → soft-RoCE receiver → GenDC Intensity part (Mono8
 * 640×480) → NVRTC kernel converting to NV12 straight into CUDA VMM cuframes slots → a Java
 * subscriber in another JVM and the C subscriber (VMM FDs mapped through the driver API). Each
 * subscriber hashes every frame; each hash must be the CPU reference conversion
 * ({@link FrameConverter}) of the simulator's exact Intensity pattern for some frame number, with
 * seqs consecutive and frame numbers strictly increasing, and both subscribers must agree per seq.
 * The emitter's own log of frames that lost a packet must not meet the published frames (a lost
 * packet in flow 0 or 2 would not show in the image), while the gateway counts incomplete frames.
 * Loopback 127.0.0.102. Run on the GPU host: {@code run.sh --select-class
 * io.gevgate.bridge.gateway.GatewayRdmaGpuEndToEndTest}.
 */
@Tag("gpu")
@Timeout(300)
class GatewayRdmaGpuEndToEndTest {
    static final int W = 640;
    static final int H = 480;
    static final int COUNT = 60;
    /** ≈1 050 packets a frame (MTU 1024): about one frame in four loses a packet. */
    static final double LOSS = 0.0003;
    static final long SEED = 0x6A7E_6B0DL;

    @TempDir
    Path dir;

    @Test
    void lossyRdmaStreamThroughTheGpuPublishesOnlyExactCompleteFrames() throws Exception {
        assumeTrue(GpuRuntime.probe().available(), "no CUDA device: " + GpuRuntime.probe().reason());
        Path cSub = CSubscriberPeer.build();
        String key = "gwrdmagpu" + ProcessHandle.current().pid();
        InetAddress addr = InetAddress.getByName("127.0.0.102");
        System.out.println("rdma gpu e2e: loss " + LOSS + ", seed 0x" + Long.toHexString(SEED));
        GatewayOptions o = new GatewayOptions().camera(addr).key(key).runtimeDir(dir).rdma("soft")
                .size(W, H).pixelFormat("Mono8").frameRate(60.0).format(PublishFormat.NV12)
                .yuv(YuvMatrix.BT601, YuvRange.LIMITED).policy(Policy.STRICT_WAIT, 20_000).ringSize(4)
                .waitForSubscribers(2).maxDuration(Duration.ofSeconds(200));
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             Gateway gw = new Gateway(o)) {
            dev.rdma().loss(LossInjection.random(LOSS, SEED));
            assertThat(gw.conversionPath().gpu()).as(gw.conversionPath().reason()).isTrue();
            CompletableFuture<Gateway.Outcome> run = new CompletableFuture<>();
            Thread runner = Thread.ofPlatform().name("rdma-gpu-gateway").daemon().start(() -> {
                try {
                    run.complete(gw.run());
                } catch (Throwable t) {
                    run.completeExceptionally(t);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (gw.publisher() == null && !run.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(gw.publisher()).as("publisher created (gateway: %s)", run.isDone() ? run : "running").isNotNull();
            assertThat(gw.publisher().memory().kind()).isEqualTo(SlotMemoryKind.CUDA_VMM);

            Process java = HashingSubscriberChild.start(dir, key, COUNT);
            ProcessBuilder pb = new ProcessBuilder(cSub.toString(), dir.toString(), key, String.valueOf(COUNT), "1", "120000")
                    .redirectErrorStream(true);
            pb.environment().put("CF_SUB_HASH", "1");
            Process c = pb.start();
            List<String> jl;
            List<String> cl;
            try {
                CompletableFuture<List<String>> javaLines = HashingSubscriberChild.linesUntilDone(java);
                CompletableFuture<List<String>> cLines = HashingSubscriberChild.linesUntilDone(c);
                jl = javaLines.get(180, TimeUnit.SECONDS);
                cl = cLines.get(180, TimeUnit.SECONDS);
            } finally {
                gw.requestStop();
                runner.join(30_000);
                java.destroyForcibly();
                c.destroyForcibly();
            }
            assertThat(run).as("gateway ended without error").isCompleted();
            run.get(); // rethrows a gateway failure
            GatewayStats st = gw.stats();
            System.out.printf("rdma gpu e2e: published %d, incomplete %d, gaps %d, conversion errors %d; %s%n",
                    st.framesPublished(), st.framesIncomplete(), st.blockIdGaps(), st.conversionErrors(), gw.statusLine());
            assertThat(jl).as("java subscriber").contains("SUBSCRIBED CUDA_VMM").contains("DONE " + COUNT)
                    .noneMatch(l -> l.startsWith("TORN"));
            assertThat(cl).as("C subscriber").contains("IMPORTED vmm")
                    .anyMatch(l -> l.startsWith("DONE received=" + COUNT + " gaps=0 bad=0 torn=0"));
            assertThat(st.conversionErrors() + st.framesMismatched()).isZero();

            assertThat(dev.rdma().streamsStarted()).as("one stream: frame numbers did not restart").isEqualTo(1);
            RoceEmitter emitter = dev.rdma().latestEmitter();
            Set<Long> lossy = new HashSet<>();
            for (long n : emitter.counters().framesWithDroppedPackets()) {
                lossy.add(n);
            }
            System.out.println("rdma gpu e2e: emitter " + emitter.counters());
            try (HashedReference ref = new HashedReference(
                    new ConversionSpec(InputLayout.MONO8, W, H, YuvMatrix.BT601, YuvRange.LIMITED),
                    (n, raw) -> RocePacketizer.pattern(n, 0, 0, raw), 20_000)) {
                Map<Long, Long> javaFrames = ref.verify("java", jl, true);
                Map<Long, Long> cFrames = ref.verify("C", cl, true);
                assertThat(javaFrames).hasSize(COUNT);
                assertThat(cFrames).hasSize(COUNT);
                for (Map.Entry<Long, Long> e : cFrames.entrySet()) {
                    if (javaFrames.containsKey(e.getKey())) {
                        assertThat(e.getValue()).as("Java and C agree on seq %d", e.getKey()).isEqualTo(javaFrames.get(e.getKey()));
                    }
                }
                assertThat(javaFrames.values()).as("published frames that lost packets on the wire").doesNotContainAnyElementsOf(lossy);
                assertThat(cFrames.values()).as("published frames that lost packets on the wire").doesNotContainAnyElementsOf(lossy);
                long first = javaFrames.values().stream().min(Long::compare).orElseThrow();
                long last = javaFrames.values().stream().max(Long::compare).orElseThrow();
                long lossyInSpan = lossy.stream().filter(n -> n > first && n < last).count();
                System.out.printf("rdma gpu e2e: verified %d (Java, other JVM) + %d (C) GPU-converted frames against the CPU "
                        + "reference; frame numbers %d..%d, %d of them lost packets and were withheld%n",
                        javaFrames.size(), cFrames.size(), first, last, lossyInSpan);
                assertThat(lossyInSpan).as("loss hit frames inside the published span (seed 0x%x)", SEED).isPositive();
                assertThat(st.framesIncomplete()).as("incomplete frames reported").isPositive();
            }
        }
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).as("shm unlinked").isFalse();
    }
}
