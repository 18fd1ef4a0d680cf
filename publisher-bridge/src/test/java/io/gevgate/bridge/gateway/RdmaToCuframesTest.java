package io.gevgate.bridge.gateway;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.bridge.convert.ConversionSpec;
import io.gevgate.bridge.convert.FrameConverter;
import io.gevgate.bridge.convert.InputLayout;
import io.gevgate.bridge.cuframes.CuframesPublisher;
import io.gevgate.bridge.cuframes.CuframesSubscriber;
import io.gevgate.bridge.cuframes.Frame;
import io.gevgate.bridge.cuframes.FrameGeometry;
import io.gevgate.bridge.cuframes.PixelFormat;
import io.gevgate.bridge.cuframes.PublisherConfig;
import io.gevgate.bridge.cuframes.SubscriberConfig;
import io.gevgate.bridge.cuframes.SubscriberMode;
import io.gevgate.bridge.memory.SlotMemoryKind;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.roce.RocePacketizer;
import io.gevgate.simulator.stream.LossInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * simulator (GVCP + RoCEv2, loss injected) → Camera with UseRdma → soft RoCE → {@link GenDcImageSource}
 * (Intensity component of the GenDC container) → CPU conversion to NV12 → cuframes ring → a
 * STRICT_ORDER subscriber. Every published frame equals the conversion of the exact source pattern
 * of its frame number; incomplete frames are never published. Loopback 127.0.0.252-253.
 */
@Timeout(120)
class RdmaToCuframesTest {
    private static final long SEED = 0x5EED_0C0FL;

    @TempDir
    Path dir;

    @Test
    void completeFramesReachTheSubscriberExactlyAndIncompleteOnesNever() throws Exception {
        String key = "gvrdma" + ProcessHandle.current().pid();
        int w = 64;
        int h = 32;
        System.out.println("loss seed 0x" + Long.toHexString(SEED));
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName("127.0.0.252")));
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.252"),
                     new GvcpClient.Options(Duration.ofMillis(500), 3, InetAddress.getByName("127.0.0.253")));
             FrameConverter conv = FrameConverter.create(ConversionSpec.of(InputLayout.MONO8, w, h), 1);
             Arena arena = Arena.ofConfined()) {
            sim.rdma().loss(LossInjection.random(0.03, SEED));
            cam.setParameter("UseRdma", "1");
            cam.setParameter("RdmaEngine", "soft");
            cam.setParameter("Width", Integer.toString(w));
            cam.setParameter("Height", Integer.toString(h));
            cam.setParameter("PixelFormat", "Mono8");
            cam.setParameter("AcquisitionFrameRate", "200");
            FrameGeometry g = FrameGeometry.of(PixelFormat.NV12, w, h, 1);
            PublisherConfig pc = PublisherConfig.builder(key, PixelFormat.NV12, w, h).memory(SlotMemoryKind.MEMFD)
                    .runtimeDir(dir).ringSize(8).shutdownHook(false).build();
            MemorySegment source = arena.allocate(w * h);
            MemorySegment expected = arena.allocate(g.frameSize());
            MemorySegment got = arena.allocate(g.frameSize());
            GenDcImageSource image = new GenDcImageSource();
            int published = 0;
            int incomplete = 0;
            try (CuframesPublisher pub = CuframesPublisher.create(pc);
                 CuframesSubscriber sub = CuframesSubscriber.connect(SubscriberConfig.builder(key).runtimeDir(dir)
                         .connectTimeoutMs(5000).mode(SubscriberMode.STRICT_ORDER).build());
                 CameraStream s = cam.stream()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (published + incomplete < 100 && System.nanoTime() < deadline) {
                    AcquiredFrame f = s.next(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    long id = f.frameId();
                    try {
                        if (!f.isComplete()) {
                            incomplete++;
                            continue; // the gateway's rule: never published as whole
                        }
                        image.select(f);
                        assertThat(image.width()).isEqualTo(w);
                        assertThat(image.height()).isEqualTo(h);
                        assertThat(image.pixelFormat()).isEqualTo(0x01080001); // Mono8
                        CuframesPublisher.AcquiredSlot slot = pub.acquire();
                        long yBytes = g.chromaOffset();
                        conv.toNv12(image.data(), image.strideBytes(), slot.host().asSlice(0, yBytes), g.pitchY(),
                                slot.host().asSlice(yBytes, g.frameSize() - yBytes), g.pitchUv());
                        pub.publish(id); // pts = frame number: the subscriber side can check which frame it got
                        published++;
                    } finally {
                        f.release();
                    }
                    Frame out = sub.next(2000);
                    assertThat(out).as("published frame %d reaches the subscriber", id).isNotNull();
                    assertThat(out.ptsNs()).isEqualTo(id);
                    assertThat(out.copyTo(got)).isTrue();
                    sub.release(out);
                    RocePacketizer.pattern(id, 0, 0, source);
                    conv.toNv12(source, w, expected.asSlice(0, g.chromaOffset()), g.pitchY(),
                            expected.asSlice(g.chromaOffset(), g.frameSize() - g.chromaOffset()), g.pitchUv());
                    assertThat(got.mismatch(expected)).as("frame %d through the ring", id).isEqualTo(-1);
                }
                System.out.printf("rdma -> cuframes: %d published, %d incomplete (not published); %s%n",
                        published, incomplete, s.rdma().counters());
                assertThat(published + incomplete).isEqualTo(100);
                assertThat(published).isPositive();
                assertThat(incomplete).as("loss was injected").isPositive();
                assertThat(sub.stats().frames()).isEqualTo(published);
            }
        }
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).isFalse();
    }
}
