package io.gevgate.simulator.roce;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.frames.AcquiredFrame;
import io.gevgate.acquisition.gvcp.GvcpClient;
import io.gevgate.acquisition.roce.RdmaEngine;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.RoceFrameStatus;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.SimulatorXml;
import io.gevgate.simulator.stream.LossInjection;
import io.gevgate.simulator.stream.SimulatedStreamChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end over the whole stack: the default simulator (GVCP server + the RDMA profile in its
 * built-in XML + RoCEv2 emitter) → {@code Cameras.open} → {@code setParameter("UseRdma", "1")} →
 * {@code camera.stream()} → soft RoCE → frames through the path-neutral {@link AcquiredFrame} API,
 * verified bit-exact (three-component, three-flow GenDC container). Loopback 127.0.0.240-249.
 */
@Timeout(120)
class CameraUseRdmaTest {
    private static final long SEED = 0x5EED_0010L;

    private static Camera open(String device, String host) throws Exception {
        GvcpClient.Options o = new GvcpClient.Options(Duration.ofMillis(500), 3, InetAddress.getByName(host));
        return Cameras.open(InetAddress.getByName(device), o);
    }

    @Test
    void defaultSimulatorStreamsBitExactGenDcOverSoftRoce() throws Exception {
        String dev = "127.0.0.240";
        String host = "127.0.0.241";
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(dev)));
             SimulatedStreamChannel gvsp = SimulatedStreamChannel.attach(sim);
             Camera cam = open(dev, host)) {
            cam.setParameter("UseRdma", "1");
            cam.setParameter("RdmaEngine", "soft");
            cam.setParameter("RdmaPageCount", "8");
            // loss-free run: an emitter descheduled mid-frame on a loaded host is not a lost packet
            cam.setParameter("RdmaFrameTimeout", "10000");
            // device features through the same call
            cam.setParameter("Width", "96");
            cam.setParameter("Height", "40");
            cam.setParameter("AcquisitionFrameRate", "100");
            ContainerSpec spec = sim.rdma().container();
            assertThat(spec.components()).hasSize(3);
            assertThat(spec.flowCount()).isEqualTo(3);
            int complete = 0;
            try (CameraStream s = cam.stream()) {
                assertThat(s.isRdma()).isTrue();
                assertThat(s.rdma().engine()).isEqualTo(RdmaEngine.SOFT);
                assertThat(sim.rdma().enabled()).isTrue();
                assertThat(s.rdma().profile().hostIp()).isEqualTo(host);
                assertThatThrownBy(() -> s.take(1, TimeUnit.MILLISECONDS)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("RDMA");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                long lastId = -1;
                while (complete < 20 && System.nanoTime() < deadline) {
                    AcquiredFrame f = s.next(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    try {
                        assertThat(f).isInstanceOf(RoceFrame.class);
                        assertThat(f.isComplete()).as("loss-free loopback: %s %s", f, s.rdma().counters()).isTrue();
                        assertThat(f.frameId()).isGreaterThan(lastId);
                        lastId = f.frameId();
                        verifyThroughInterface(f, spec);
                        RoceRig.verifyBitExact((RoceFrame) f, spec);
                        complete++;
                    } finally {
                        f.release();
                    }
                }
                assertThat(complete).as("%s", s.rdma().counters()).isEqualTo(20);
                assertThat(s.rdma().counters().get(RoceCounter.BAD_ICRC)).isZero();
            }
            // closing the stream disabled the profile and stopped the emitter; GVSP never sent a frame
            assertThat(sim.rdma().enabled()).isFalse();
            assertThat(sim.rdma().emitter()).isNull();
            assertThat(gvsp.acquisitionsStarted()).isZero();
        }
    }

    @Test
    void lossIsReportedAsIncompleteAndNeverAsComplete() throws Exception {
        String dev = "127.0.0.242";
        String host = "127.0.0.243";
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(dev)));
             Camera cam = open(dev, host)) {
            System.out.println("loss seed 0x" + Long.toHexString(SEED));
            sim.rdma().loss(LossInjection.random(0.04, SEED));
            cam.setParameter("UseRdma", "1");
            cam.setParameter("RdmaEngine", "auto"); // no RDMA device here: falls back to soft
            cam.setParameter("RdmaFrameTimeout", "10000");
            cam.setParameter("Width", "64");
            cam.setParameter("Height", "32");
            cam.setParameter("AcquisitionFrameRate", "300");
            ContainerSpec spec = sim.rdma().container();
            int complete = 0;
            int incomplete = 0;
            try (CameraStream s = cam.stream()) {
                assertThat(s.rdma().engine()).isEqualTo(RdmaEngine.SOFT);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (complete + incomplete < 150 && System.nanoTime() < deadline) {
                    AcquiredFrame f = s.next(200, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        continue;
                    }
                    try {
                        if (f.isComplete()) {
                            // a frame that lost a packet would hold stale bytes of an older frame here
                            verifyThroughInterface(f, spec);
                            complete++;
                        } else {
                            assertThat(f.status()).isNotEqualTo(RoceFrameStatus.COMPLETE);
                            incomplete++;
                        }
                    } finally {
                        f.release();
                    }
                }
                long dropped = sim.rdma().emitter().counters().packetsDropped.get();
                System.out.printf("loss: %d complete, %d incomplete, %d packets dropped by the emitter; %s%n",
                        complete, incomplete, dropped, s.rdma().counters());
                assertThat(complete + incomplete).isEqualTo(150);
                assertThat(dropped).isPositive();
                assertThat(incomplete).as("frames that lost packets are reported").isPositive();
                assertThat(complete).as("untouched frames still arrive whole").isPositive();
                assertThat(s.rdma().counters().get(RoceCounter.PSN_GAPS)).isPositive();
            }
        }
    }

    @Test
    void useRdmaOnADeviceWithoutTheProfileFailsClearly() throws Exception {
        String dev = "127.0.0.244";
        byte[] plain = new String(SimulatorXml.builtIn(), StandardCharsets.UTF_8)
                .replace("<pFeature>RdmaStreaming</pFeature>", "")
                .replaceAll("(?s)<Category Name=\"RdmaStreaming\">.*?</Category>", "")
                .replaceAll("(?s)<IntReg Name=\"RdmaProfileVersion\">.*?</IntReg>", "")
                .getBytes(StandardCharsets.UTF_8);
        // the profile registers exist, but the XML no longer names RdmaProfileVersion: not offered
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(dev)).withXml(plain));
             Camera cam = open(dev, "127.0.0.245")) {
            cam.setParameter("UseRdma", "1");
            assertThatThrownBy(cam::stream).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not offer the gevgate RDMA streaming profile");
            assertThat(sim.rdma().enabled()).isFalse();
            assertThat(cam.control().isHeld()).as("control released after the failed open").isFalse();
        }
    }

    @Test
    void hostParametersAreCheckedAndReadBack() throws Exception {
        String dev = "127.0.0.246";
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(dev)));
             Camera cam = open(dev, "127.0.0.247")) {
            assertThat(cam.hostParameters().get("UseRdma")).isEqualTo("0");
            cam.setParameter("UseRdma", "true");
            assertThat(cam.hostParameters().get("UseRdma")).isEqualTo("1");
            assertThatThrownBy(() -> cam.setParameter("UseRdma", "2")).hasMessageContaining("must be 1 or 0");
            assertThatThrownBy(() -> cam.setParameter("RdmaEngine", "dpdk")).hasMessageContaining("soft, verbs or auto");
            assertThatThrownBy(() -> cam.setParameter("RdmaPathMtu", "1500")).hasMessageContaining("256, 512");
            assertThatThrownBy(() -> cam.setParameter("RdmaPageCount", "0")).hasMessageContaining("1..4096");
            cam.setParameter("Width", "128");
            assertThat(sim.registers().value(io.gevgate.simulator.registers.FeatureRegisters.WIDTH)).isEqualTo(128);
        }
    }

    @Test
    void verbsEngineWithoutAnRdmaDeviceSaysSoAndLeavesTheDeviceDisabled() throws Exception {
        java.io.File ib = new java.io.File("/sys/class/infiniband");
        String[] devices = ib.list();
        org.junit.jupiter.api.Assumptions.assumeTrue(devices == null || devices.length == 0,
                "this host has an RDMA device: the verbs engine would really start");
        String dev = "127.0.0.248";
        try (SimulatedDevice sim = SimulatedDevice.start(SimulatorConfig.defaults(InetAddress.getByName(dev)));
             Camera cam = open(dev, "127.0.0.249")) {
            cam.setParameter("UseRdma", "1");
            cam.setParameter("RdmaEngine", "verbs");
            assertThatThrownBy(cam::stream).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RdmaEngine = verbs").hasMessageContaining("RDMA");
            assertThat(sim.rdma().enabled()).isFalse();
            assertThat(sim.registers().value(RdmaProfileRegisters.QUEUE_PAIR)).as("nothing programmed").isZero();
        }
    }

    /** The container checked only through {@link AcquiredFrame}: descriptor + per-flow bytes. */
    static void verifyThroughInterface(AcquiredFrame f, ContainerSpec spec) throws Exception {
        ContainerView c = new ContainerView().wrapDescriptor(f.genDcDescriptor());
        assertThat(f.isGenDc()).isTrue();
        assertThat(c.id()).isEqualTo(f.frameId());
        assertThat(c.descriptorSize()).isEqualTo(spec.descriptorSize());
        assertThat(c.componentCount()).isEqualTo(spec.components().size());
        assertThat(f.genDcFlowCount()).isEqualTo(spec.flowCount());
        try (Arena a = Arena.ofConfined()) {
            ComponentView cv = new ComponentView();
            for (int ci = 0; ci < c.componentCount(); ci++) {
                c.component(ci, cv);
                for (int pi = 0; pi < cv.partCount(); pi++) {
                    PartView pv = cv.part(pi);
                    MemorySegment got = f.genDcFlow(pv.flowId()).asSlice(pv.flowOffset(), pv.dataSize());
                    MemorySegment exp = a.allocate(Math.max(1, pv.dataSize())).asSlice(0, pv.dataSize());
                    RocePacketizer.pattern(f.frameId(), ci, pi, exp);
                    assertThat(got.mismatch(exp)).as("frame %d component %d part %d", f.frameId(), ci, pi).isEqualTo(-1);
                }
            }
        }
    }
}
