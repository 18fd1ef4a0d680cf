package io.gevgate.bridge.gateway;

import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.convert.YuvMatrix;
import io.gevgate.bridge.convert.YuvRange;
import io.gevgate.bridge.cuframes.Policy;
import io.gevgate.bridge.gpu.GpuRuntime;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.simulator.stream.TestPattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Simulator → gateway on the GPU path (NVRTC kernels writing CUDA VMM slots) → a Java subscriber in
 * another JVM and the C subscriber (VMM FDs mapped through the driver API). Every received frame's
 * hash must equal the hash of the CPU reference conversion ({@link FrameConverter}) of the
 * simulator's pattern for some frame counter, and counters must grow with seq: every byte of every
 * frame is checked against the CPU path, nothing stale or repeated.
 */
@Tag("gpu")
class GatewayGpuEndToEndTest {
    static final int W = 640;
    static final int H = 480;
    static final int COUNT = 60;

    @TempDir
    Path dir;

    @Test
    void simulatorToGpuGatewayToJavaAndCSubscribersEveryFrameMatchesTheCpuReference() throws Exception {
        assumeTrue(GpuRuntime.probe().available(), "no CUDA device: " + GpuRuntime.probe().reason());
        Path cSub = CSubscriberPeer.build();
        String key = "gwgpu" + ProcessHandle.current().pid();
        GatewayOptions o = new GatewayOptions().simAddress("127.0.0.73").key(key).size(W, H).pixelFormat("BayerRG8")
                .frameRate(30.0).format(PublishFormat.NV12).yuv(YuvMatrix.BT601, YuvRange.LIMITED)
                .policy(Policy.STRICT_WAIT, 20_000).ringSize(4).runtimeDir(dir).maxDuration(Duration.ofSeconds(120))
                // small packets: a frame takes several receive batches, so the gateway preloads
                // its first part while the rest arrives (GpuSlotWriter.PRELOAD_CHUNK)
                .packetSize(1500);
        try (Gateway gw = new Gateway(o)) {
            assertThat(gw.conversionPath().gpu()).as(gw.conversionPath().reason()).isTrue();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = Thread.ofPlatform().name("gateway").start(() -> {
                try {
                    gw.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (gw.publisher() == null && failure.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(failure.get()).isNull();
            assertThat(gw.publisher()).isNotNull();
            assertThat(gw.publisher().memory().kind()).isEqualTo(SlotMemoryKind.CUDA_VMM);

            Process java = HashingSubscriberChild.start(dir, key, COUNT);
            ProcessBuilder pb = new ProcessBuilder(cSub.toString(), dir.toString(), key, String.valueOf(COUNT), "1", "90000")
                    .redirectErrorStream(true);
            pb.environment().put("CF_SUB_HASH", "1");
            Process c = pb.start();
            try {
                CompletableFuture<List<String>> javaLines = HashingSubscriberChild.linesUntilDone(java);
                CompletableFuture<List<String>> cLines = HashingSubscriberChild.linesUntilDone(c);
                List<String> jl = javaLines.get(120, TimeUnit.SECONDS);
                List<String> cl = cLines.get(120, TimeUnit.SECONDS);
                gw.requestStop();
                runner.join(30_000);
                assertThat(failure.get()).isNull();
                System.out.println("gateway: " + gw.statusLine() + "; frames preloaded while arriving: "
                        + gw.preloadedFrames());
                assertThat(jl).as("java subscriber").contains("SUBSCRIBED CUDA_VMM").contains("DONE " + COUNT);
                assertThat(cl).as("C subscriber").contains("IMPORTED vmm")
                        .anyMatch(l -> l.startsWith("DONE received=" + COUNT + " gaps=0 bad=0 torn=0"));
                assertThat(gw.stats().conversionErrors()).isZero();
                try (HashedReference ref = new HashedReference(
                        new ConversionSpec(InputLayout.BAYER_RG8, W, H, YuvMatrix.BT601, YuvRange.LIMITED),
                        (n, raw) -> TestPattern.fill(raw, 0, (long) W * H, n, 0), 5_000)) {
                    int javaChecked = ref.verify("java", jl, false).size();
                    int cChecked = ref.verify("C", cl, false).size();
                    assertThat(javaChecked).isEqualTo(COUNT);
                    assertThat(cChecked).isEqualTo(COUNT);
                    System.out.println("verified " + javaChecked + " (Java, other JVM) + " + cChecked
                            + " (C) frames against the CPU reference; frame counters searched: " + ref.generated());
                }
            } finally {
                java.destroyForcibly();
                c.destroyForcibly();
                gw.requestStop();
                runner.join(30_000);
            }
        }
    }
}
