package io.gevgate.simulator.stream;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvcp.BootstrapRegisters;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.SimulatorXml;
import io.gevgate.simulator.registers.FeatureRegisters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GenDC over GVSP end to end through the public API: the simulator exposes the SFNC GenDC features
 * (GenDCStreamingMode/Status, GenDCDescriptor, GenDCFlowMappingTable), {@code Camera.stream()}
 * switches GenDC on, reads the flow mapping table back and gives it to the receiver, and every
 * frame's {@code genDc()} container is verified component by component against the simulator's
 * self-checking pattern (loopback 127.0.0.60–63, 66, 67).
 */
@Timeout(180)
class GenDcCameraStreamTest {
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Loaded 2-core CI: keep the 1 ms first request; relax re-request, retention and budget. */
    private static CameraStream.Options tolerant() {
        // acquisition starts only once the consumer is about to take frames (startAcquisition below),
        // and 32 buffers (16 waiting for the consumer) ride out a descheduled test thread
        return CameraStream.Options.defaults().genDcStreaming(true).packetSize(1400).startAcquisition(false)
                .frameBufferCount(32)
                .receiverTuning(c -> c.packetTimeout(Duration.ofMillis(100)).frameRetention(Duration.ofSeconds(5))
                        .resendRatio(10).minResendBudget(256));
    }

    private static SimulatedDevice device(String address) throws Exception {
        SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(address)));
        dev.registers().set(FeatureRegisters.WIDTH, 160);
        dev.registers().set(FeatureRegisters.HEIGHT, 120);
        dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(25f));
        return dev;
    }

    /** The flow sizes the emitter uses for the device's current settings. */
    private static long[] emitterFlowSizes(SimulatedDevice dev) {
        return BlockLayout.of(new GvspEmitterConfig().extendedIds(true).payloadKind(PayloadKind.GENDC)
                .pixelFormat(dev.registers().value(FeatureRegisters.PIXEL_FORMAT))
                .size(160, 120)).flowSizes;
    }

    /** Takes frames until {@code n} arrived (any status) or 90 s passed; checks each with {@code check}. */
    private static List<FrameCheck.Result> receive(CameraStream s, int n, List<FrameStatus> statuses) throws InterruptedException {
        if (!s.acquiring()) {
            s.startAcquisition();
        }
        List<FrameCheck.Result> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (out.size() < n && System.nanoTime() < deadline) {
            Frame f = s.take(200, TimeUnit.MILLISECONDS);
            if (f == null) {
                continue;
            }
            try {
                statuses.add(f.status());
                out.add(GenDcFrameCheck.check(f));
            } finally {
                f.release();
            }
        }
        return out;
    }

    @Test
    void sfncFeaturesDescribeTheMultiFlowContainer() throws Exception {
        try (SimulatedDevice dev = device("127.0.0.60");
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.60"))) {
            NodeMap f = GenApiDevicePort.nodeMap(cam);
            cam.takeControl();
            assertThat(f.getEnum("GenDCStreamingMode")).isEqualTo("Off");
            assertThat(f.getEnum("GenDCStreamingStatus")).isEqualTo("Off");
            long imagePayload = f.getInteger("PayloadSize");
            assertThat(imagePayload).isEqualTo(160L * 120);
            // the table and the prefetch descriptor are there before streaming, and agree
            FlowTableView table = new FlowTableView().wrap(MemorySegment.ofArray(f.getRegister("GenDCFlowMappingTable")));
            long[] expected = emitterFlowSizes(dev);
            assertThat(table.flowCount()).isEqualTo(4);
            for (int i = 0; i < expected.length; i++) {
                assertThat(table.flowSize(i)).as("flow %d", i).isEqualTo(expected[i]);
            }
            ContainerView prefetch = new ContainerView()
                    .wrapDescriptor(MemorySegment.ofArray(f.getRegister("GenDCDescriptor")), table);
            assertThat(prefetch.componentCount()).isEqualTo(4);
            assertThat(prefetch.descriptorSize()).isLessThanOrEqualTo(expected[0]);
            assertThat(prefetch.component(2).part(0).flowOffset()).as("confidence follows range in flow 2").isPositive();
            // GenDCStreamingMode and SCCFG0 bit 0x80 are one switch; the status needs extended ids too
            f.setEnum("GenDCStreamingMode", "On");
            int sccfg = BootstrapRegisters.streamChannel(0, BootstrapRegisters.SC_CONFIGURATION);
            assertThat(cam.client().readRegister(sccfg) & 0x80).isEqualTo(0x80);
            assertThat(f.getEnum("GenDCStreamingStatus")).as("extended ids still off").isEqualTo("Off");
            cam.client().writeRegister(BootstrapRegisters.GVSP_CONFIGURATION, BootstrapRegisters.GVSP_CONFIG_EXTENDED_ID);
            assertThat(f.getEnum("GenDCStreamingStatus")).isEqualTo("On");
            long sum = 0;
            for (long s : expected) {
                sum += s;
            }
            assertThat(f.getInteger("PayloadSize")).as("container size while GenDC is on").isEqualTo(sum);
            cam.client().writeRegister(sccfg, 0);
            assertThat(f.getEnum("GenDCStreamingMode")).isEqualTo("Off");
            // a new size changes the table at once
            f.setInteger("Width", 320);
            FlowTableView wider = new FlowTableView().wrap(MemorySegment.ofArray(f.getRegister("GenDCFlowMappingTable")));
            assertThat(wider.flowSize(1)).isEqualTo(320L * 120);
            assertThat(ch.emitter()).isNull();
        }
    }

    @Test
    void cameraStreamReadsTheFlowTableAndEveryComponentIsBitExact() throws Exception {
        try (SimulatedDevice dev = device("127.0.0.61");
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.61"));
             CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam), tolerant())) {
            assertThat(s.genDcStreaming()).isTrue();
            assertThat(s.genDcFlowSizes()).containsExactly(emitterFlowSizes(dev));
            assertThat(s.genDcPrefetchDescriptor()).isNotNull();
            List<FrameStatus> statuses = new ArrayList<>();
            List<FrameCheck.Result> results = receive(s, 30, statuses);
            System.out.println("GenDcCameraStreamTest bit-exact: counters " + results.stream().map(FrameCheck.Result::counter).toList()
                    + "; " + s.counters() + "; emitter " + ch.emitter().counters());
            assertThat(results).hasSize(30);
            assertThat(ch.emitter().genDcFlowSizes()).as("what the emitter streams").containsExactly(s.genDcFlowSizes());
            assertThat(statuses).containsOnly(FrameStatus.COMPLETE);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).problem()).as("frame %d", i).isNull();
            }
            assertNoFrameLost(s, results);
            assertThat(s.counters().get(GvspCounter.OUT_OF_BOUNDS_PACKETS)).isZero();
        }
    }

    @Test
    void onePercentLossIsFullyRecoveredThroughResend() throws Exception {
        long seed = 0x6E4D5C01L;
        System.out.println("GenDcCameraStreamTest loss seed 0x" + Long.toHexString(seed));
        try (SimulatedDevice dev = device("127.0.0.62");
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev, new SimulatedStreamChannel.Options(
                     LossInjection.random(0.01, seed), 128, "sim-gvsp-gendc"));
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.62"));
             CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam), tolerant())) {
            List<FrameStatus> statuses = new ArrayList<>();
            List<FrameCheck.Result> results = receive(s, 60, statuses);
            assertThat(results).hasSize(60);
            assertThat(statuses).as("every frame recovered").containsOnly(FrameStatus.COMPLETE);
            assertThat(results).allSatisfy(r -> assertThat(r.problem()).isNull());
            assertNoFrameLost(s, results);
            assertThat(ch.emitter().counters().packetsDropped()).as("loss was injected").isGreaterThan(0);
            assertThat(s.counters().get(GvspCounter.RESEND_REQUESTS)).isGreaterThan(0);
            assertThat(s.counters().get(GvspCounter.RESENT_PACKETS_RECEIVED)).isGreaterThan(0);
        }
    }

    @Test
    void variableContainersPreliminaryThenFinalDescriptorAreRecoveredWithTheFinalOneInPlace() throws Exception {
        long seed = 0x6E4D5C67L;
        System.out.println("GenDcCameraStreamTest preliminary/final loss seed 0x" + Long.toHexString(seed));
        SimulatedStreamChannel.Options variable = new SimulatedStreamChannel.Options(LossInjection.random(0.02, seed), 128,
                "sim-gvsp-gendc-var").withGenDcPreliminaryDescriptor(true);
        try (SimulatedDevice dev = device("127.0.0.67");
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev, variable);
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.67"));
             CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam), tolerant())) {
            s.startAcquisition();
            List<FrameStatus> statuses = new ArrayList<>();
            List<Integer> variableFields = new ArrayList<>();
            List<FrameCheck.Result> results = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (results.size() < 40 && System.nanoTime() < deadline) {
                Frame f = s.take(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                try {
                    statuses.add(f.status());
                    assertThat(f.genDcPreliminaryDescriptor()).as("the leader announced a preliminary descriptor").isTrue();
                    if (f.status() == FrameStatus.COMPLETE) {
                        variableFields.add(f.genDc().view().variableFields());
                    }
                    results.add(GenDcFrameCheck.check(f));
                } finally {
                    f.release();
                }
            }
            System.out.println("GenDcCameraStreamTest preliminary/final: " + s.counters() + "; emitter " + ch.emitter().counters());
            assertThat(results).hasSize(40);
            assertThat(statuses).as("every frame recovered").containsOnly(FrameStatus.COMPLETE);
            assertThat(variableFields).as("the final descriptor (VariableFields 0) is the one in place").containsOnly(0);
            assertThat(results).allSatisfy(r -> assertThat(r.problem()).isNull());
            assertNoFrameLost(s, results);
            assertThat(ch.emitter().counters().packetsDropped()).as("loss was injected").isGreaterThan(0);
        }
    }

    @Test
    void malformedDescriptorsGiveATypedStatusAndTheStreamGoesOn() throws Exception {
        // odd frames: component 1's part points at flow 9 (the table has 5); every 4th from 2: bad signature
        SimulatedStreamChannel.Options faulty = SimulatedStreamChannel.Options.defaults().withGenDcDescriptorFault((d, n) -> {
            if (n % 2 == 1) {
                long component1 = d.get(LE64, 56 + 8);
                long part = d.get(LE64, component1 + 48);
                d.set(LE16, part + 14, (short) 9);
            } else if (n % 4 == 2) {
                d.set(ValueLayout.JAVA_BYTE, 0, (byte) 'X');
            }
        });
        try (SimulatedDevice dev = device("127.0.0.63");
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev, faulty);
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.63"));
             CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam), tolerant())) {
            s.startAcquisition();
            int good = 0;
            int badFlow = 0;
            int badSignature = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (good + badFlow + badSignature < 24 && System.nanoTime() < deadline) {
                Frame f = s.take(200, TimeUnit.MILLISECONDS);
                if (f == null) {
                    continue;
                }
                try {
                    if (f.status() == FrameStatus.COMPLETE) {
                        assertThat(GenDcFrameCheck.check(f).problem()).isNull();
                        good++;
                        continue;
                    }
                    assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
                    GenDcFormatException e = catchGenDc(f);
                    if (e.field().equals("Signature")) {
                        badSignature++;
                    } else {
                        assertThat(e.field()).isEqualTo("Component[1].Part[0].FlowId");
                        assertThat(e.found()).isEqualTo("9");
                        badFlow++;
                    }
                    assertThat(e.getMessage()).startsWith("invalid GenDC at offset");
                } finally {
                    f.release();
                }
            }
            System.out.println("GenDcCameraStreamTest malformed: good " + good + ", bad FlowId " + badFlow
                    + ", bad signature " + badSignature + "; " + s.counters());
            assertThat(good + badFlow + badSignature).isEqualTo(24);
            assertThat(good).isPositive();
            assertThat(badFlow).isPositive();
            assertThat(badSignature).isPositive();
            assertThat(s.counters().get(GvspCounter.FRAMES_MALFORMED_PAYLOAD)).isEqualTo(badFlow + badSignature);
            assertThat(s.receiverFailure()).isNull();
        }
    }

    /**
     * Counters are distinct and, ordered (a frame waiting for a resend may be overtaken), have no
     * gap the receiver did not count as a drop for a slow consumer or a missing buffer; nothing
     * ended MISSING_PACKETS or TIMEOUT.
     */
    private static void assertNoFrameLost(CameraStream s, List<FrameCheck.Result> results) {
        long[] counters = results.stream().mapToLong(FrameCheck.Result::counter).sorted().toArray();
        long gaps = 0;
        for (int i = 1; i < counters.length; i++) {
            assertThat(counters[i]).as("distinct counters").isGreaterThan(counters[i - 1]);
            gaps += counters[i] - counters[i - 1] - 1;
        }
        long drops = s.counters().get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER) + s.counters().get(GvspCounter.FRAMES_DROPPED_NO_BUFFER);
        assertThat(gaps).as("frames missing between the first and last counter (drops counted: %d)", drops)
                .isLessThanOrEqualTo(drops);
        assertThat(s.counters().get(GvspCounter.FRAMES_MISSING_PACKETS)).isZero();
        assertThat(s.counters().get(GvspCounter.FRAMES_TIMED_OUT)).isZero();
    }

    private static GenDcFormatException catchGenDc(Frame f) {
        try {
            f.genDc();
        } catch (GenDcFormatException e) {
            return e;
        }
        throw new AssertionError("genDc() accepted a malformed container");
    }

    /**
     * A camera whose XML lacks the GenDCFlowMappingTable and GenDCDescriptor features: the table
     * and the descriptor are found through SCEBA0 (GigE Vision 2.2 extended bootstrap block).
     */
    @Test
    void withoutTheSfncTableFeatureTheTableIsReadThroughSceba() throws Exception {
        String xml = new String(SimulatorXml.builtIn(), StandardCharsets.UTF_8);
        for (String name : new String[] {"GenDCFlowMappingTable", "GenDCDescriptor"}) {
            String stripped = xml.replace("<pFeature>" + name + "</pFeature>", "")
                    .replaceAll("(?s)<Register Name=\"" + name + "\".*?</Register>", "");
            assertThat(stripped).as("%s removed", name).isNotEqualTo(xml).doesNotContain(name);
            xml = stripped;
        }
        InetAddress addr = InetAddress.getByName("127.0.0.66");
        SimulatorConfig cfg = SimulatorConfig.defaults(addr).withXml(xml.getBytes(StandardCharsets.UTF_8));
        try (SimulatedDevice dev = SimulatedDevice.start(cfg)) {
            dev.registers().set(FeatureRegisters.WIDTH, 160);
            dev.registers().set(FeatureRegisters.HEIGHT, 120);
            dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(25f));
            try (SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev);
                 Camera cam = Cameras.open(addr)) {
                NodeMap f = GenApiDevicePort.nodeMap(cam);
                assertThat(f.has("GenDCFlowMappingTable")).isFalse();
                try (CameraStream s = cam.stream(f, tolerant())) {
                    assertThat(s.genDcFlowSizes()).containsExactly(emitterFlowSizes(dev));
                    assertThat(s.genDcPrefetchDescriptor()).as("descriptor read through SCEBA0").isNotNull();
                    List<FrameStatus> statuses = new ArrayList<>();
                    List<FrameCheck.Result> results = receive(s, 5, statuses);
                    assertThat(results).hasSize(5);
                    assertThat(statuses).containsOnly(FrameStatus.COMPLETE);
                    assertThat(results).allSatisfy(r -> assertThat(r.problem()).isNull());
                }
            }
        }
    }

    @Test
    void askingForGenDcFromADeviceWithoutItFailsClearly() throws Exception {
        // no stream channel attached: SCC0 = 0, GenDCStreamingStatus stays Off
        try (SimulatedDevice dev = device("127.0.0.60");
             Camera cam = Cameras.open(InetAddress.getByName("127.0.0.60"))) {
            NodeMap f = GenApiDevicePort.nodeMap(cam);
            try (CameraStream s = cam.stream(f, CameraStream.Options.defaults().packetSize(1400).startAcquisition(false))) {
                assertThat(s.genDcStreaming()).isFalse();
                assertThat(s.genDcFlowSizes()).isNull();
            }
            assertThatThrownBy(() -> cam.stream(f, CameraStream.Options.defaults().packetSize(1400).genDcStreaming(true)
                    .extendedIds(false).startAcquisition(false)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("extended ids");
            assertThatThrownBy(() -> cam.stream(f, CameraStream.Options.defaults().packetSize(1400).genDcStreaming(true)
                    .startAcquisition(false)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not stream GenDC");
            assertThat(cam.control().isHeld()).as("control released after the failed open").isFalse();
        }
    }
}
