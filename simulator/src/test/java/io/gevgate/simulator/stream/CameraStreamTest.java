package io.gevgate.simulator.stream;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.frames.HandoffWait;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameProgress;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Camera.stream() against the simulator with its stream channel wired (127.0.0.180-189). */
class CameraStreamTest {

    private static CameraStream.Options tolerant() {
        // loaded 2-core CI: keep the 1 ms first request, relax re-request and retention
        return CameraStream.Options.defaults().receiverTuning(c -> c.packetTimeout(Duration.ofMillis(50))
                .frameRetention(Duration.ofSeconds(2)).resendRatio(1.0));
    }

    /** Receives {@code n} frames, each COMPLETE and bit-exact, with strictly consecutive counters. */
    private static List<Long> receiveVerified(CameraStream s, int n) throws InterruptedException {
        return receiveVerified(s, n, null);
    }

    /** The same through {@code next(timeout, unit, whileReceiving)}. */
    private static List<Long> receiveVerified(CameraStream s, int n, Runnable whileReceiving) throws InterruptedException {
        List<Long> counters = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counters.size() < n && System.nanoTime() < deadline) {
            Frame f = (Frame) s.next(200, TimeUnit.MILLISECONDS, whileReceiving);
            if (f == null) {
                continue;
            }
            try {
                FrameCheck.Result r = FrameCheck.check(f, PayloadKind.IMAGE);
                assertThat(r.problem()).as("frame block %d", f.blockId()).isNull();
                counters.add(r.counter());
            } finally {
                f.release();
            }
        }
        assertThat(counters).hasSize(n);
        return counters;
    }

    @Test
    void negotiatesPacketSizeEnablesExtendedIdsAndStreamsVerifiedFrames() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.180");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            dev.registers().set(FeatureRegisters.WIDTH, 320);
            dev.registers().set(FeatureRegisters.HEIGHT, 240);
            dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(200f));
            try (Camera cam = Cameras.open(addr); CameraStream s = cam.stream()) {
                // the simulator accepts up to 9000 and loopback's MTU is larger: the search must reach 9000
                assertThat(s.packetSize()).isEqualTo(9000);
                assertThat(s.negotiation().deviceSendsTestPackets()).isTrue();
                assertThat(ch.testPacketsSent()).isGreaterThan(0);
                assertThat(s.extendedIds()).isTrue();
                assertThat(cam.control().isHeld()).isTrue();
                assertThat(ch.emitter()).isNotNull();
                List<Long> counters = receiveVerified(s, 30);
                for (int i = 1; i < counters.size(); i++) {
                    assertThat(counters.get(i)).isEqualTo(counters.get(i - 1) + 1);
                }
                assertThat(dev.registers().value(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_PACKET_SIZE)) & 0xFFFF)
                        .isEqualTo(9000);
            }
            // closing the stream stopped acquisition and closed the channel
            assertThat(ch.emitter()).isNull();
            assertThat(dev.registers().value(BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_PORT))).isZero();
        }
    }

    /**
     * The public API's low-latency wait: Options.handoffWait(ADAPTIVE) reaches the receiver, and
     * next(timeout, unit, whileReceiving) delivers every frame bit-exact while the hook reads the
     * progress of the frame on the wire (which, when it reports one, lies in a pool buffer).
     */
    @Test
    void adaptiveHandOffThroughThePublicApiDeliversVerifiedFrames() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.186");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            dev.registers().set(FeatureRegisters.WIDTH, 640);
            dev.registers().set(FeatureRegisters.HEIGHT, 480);
            dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(100f));
            try (Camera cam = Cameras.open(addr);
                 CameraStream s = cam.stream(tolerant().handoffWait(HandoffWait.ADAPTIVE).packetSize(1500))) {
                assertThat(s.receiver().config().handoffWait()).isEqualTo(HandoffWait.ADAPTIVE);
                FrameProgress.View view = new FrameProgress.View();
                Set<Long> buffers = new HashSet<>();
                s.receiver().frameBuffers().forEach(b -> buffers.add(b.address()));
                List<String> problems = new ArrayList<>();
                Runnable hook = () -> {
                    if (s.receiver().progress(view) && view.blockId() >= 0 && !buffers.contains(view.address())) {
                        problems.add("progress of block " + view.blockId() + " outside the pool");
                    }
                };
                receiveVerified(s, 30, hook);
                assertThat(problems).isEmpty();
            }
        }
    }

    @Test
    void negotiationNeverExceedsTheRequestedMaximum() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.181");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
             Camera cam = Cameras.open(addr)) {
            // 1502 is not a multiple of 4: the search works on the 4-byte grid below it
            try (CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam),
                    CameraStream.Options.defaults().maxPacketSize(1502).startAcquisition(false))) {
                assertThat(s.packetSize()).isEqualTo(1500);
                assertThat(s.acquiring()).isFalse();
                assertThat(ch.emitter()).isNull();
            }
        }
    }

    @Test
    void recoversOnePercentLossThroughGvcpPacketResend() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.182");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev,
                     SimulatedStreamChannel.Options.defaults().withLoss(LossInjection.random(0.01, 0xCA3E1L)))) {
            dev.registers().set(FeatureRegisters.WIDTH, 640);
            dev.registers().set(FeatureRegisters.HEIGHT, 480);
            dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(100f));
            try (Camera cam = Cameras.open(addr);
                 CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam), tolerant().packetSize(1400))) {
                // Every frame must come back COMPLETE and bit-exact through GVCP PACKETRESEND. A frame
                // was lost here once before (full build, loaded host; not reproduced since). The path
                // that explains it: a receiver starved of CPU works through a 16 MiB socket buffer
                // (30+ VGA frames) late and asks for blocks the simulator had already dropped from a
                // 32-block history (320 ms at 100 fps) -> PACKET_REMOVED_FROM_MEMORY -> MISSING_PACKETS.
                // The simulated device now keeps two seconds of frames at a set rate, and a refusal
                // fails this test by name.
                List<Long> counters = new ArrayList<>();
                int incomplete = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (counters.size() < 60 && System.nanoTime() < deadline) {
                    Frame f = s.take(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    try {
                        if (f.status() != io.gevgate.acquisition.gvsp.FrameStatus.COMPLETE) {
                            incomplete++;
                            System.out.println("CameraStreamTest: block " + f.blockId() + " " + f.status() + " " + s.counters());
                            continue;
                        }
                        FrameCheck.Result r = FrameCheck.check(f, PayloadKind.IMAGE);
                        assertThat(r.problem()).as("frame block %d", f.blockId()).isNull();
                        counters.add(r.counter());
                    } finally {
                        f.release();
                    }
                }
                assertThat(counters).hasSize(60);
                assertThat(incomplete).as("frames not recovered").isZero();
                assertThat(s.counters().get(GvspCounter.RESEND_REFUSED)).as("resends refused").isZero();
                assertThat(new HashSet<>(counters)).hasSize(60);
                assertThat(s.counters().get(GvspCounter.RESEND_REQUESTS)).isGreaterThan(0);
                assertThat(s.counters().get(GvspCounter.RESENT_PACKETS_RECEIVED)).isGreaterThan(0);
                assertThat(ch.emitter().counters().packetsDropped()).isGreaterThan(0);
            }
        }
    }

    @Test
    void softwareTriggerSendsOneFramePerTrigger() throws Exception {
        InetAddress addr = InetAddress.getByName("127.0.0.183");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
             Camera cam = Cameras.open(addr)) {
            NodeMap f = GenApiDevicePort.nodeMap(cam);
            cam.takeControl();
            f.setInteger("Width", 64);
            f.setInteger("Height", 64);
            f.setEnum("TriggerMode", "On");
            try (CameraStream s = cam.stream(f, tolerant())) {
                assertThat(s.take(300, TimeUnit.MILLISECONDS)).as("no frame before a trigger").isNull();
                Set<Long> seen = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    f.execute("TriggerSoftware");
                    seen.addAll(receiveVerified(s, 1));
                }
                assertThat(seen).hasSize(3);
                assertThat(s.take(300, TimeUnit.MILLISECONDS)).as("nothing without a trigger").isNull();
            }
        }
    }
}
