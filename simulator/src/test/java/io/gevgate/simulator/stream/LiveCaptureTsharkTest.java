package io.gevgate.simulator.stream;

import io.gevgate.simulator.Tshark;
import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.simulator.SimulatedDevice;
import io.gevgate.simulator.SimulatorConfig;
import io.gevgate.simulator.registers.FeatureRegisters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A live capture on {@code lo} of the simulator's stream channel, set up through GVCP by
 * {@link Camera#stream} (extended ids negotiated), first as an image stream, then as multi-flow GenDC
 * ({@code genDcStreaming(true)}: GenDCStreamingMode On, flow mapping table read back, every frame
 * verified through {@code Frame.genDc()}): Wireshark's GVSP dissector decodes every packet, GenDC
 * descriptors included, and reports nothing malformed. Skipped when tshark is missing or capturing on lo is not permitted.
 */
class LiveCaptureTsharkTest {
    @TempDir
    Path tmp;

    @Test
    void liveCaptureOfImageAndGenDcStreamsHasNoMalformedPacket() throws Exception {
        String tshark = Tshark.find();
        assumeTrue(tshark != null, "tshark is not installed");
        InetAddress addr = InetAddress.getByName("127.0.0.185");
        Path pcap = tmp.resolve("live.pcapng");
        try (SimulatedDevice dev = SimulatedDevice.start(SimulatorConfig.defaults(addr));
             SimulatedStreamChannel ch = SimulatedStreamChannel.attach(dev)) {
            dev.registers().set(FeatureRegisters.WIDTH, 256);
            dev.registers().set(FeatureRegisters.HEIGHT, 128);
            dev.registers().set(FeatureRegisters.ACQUISITION_FRAME_RATE, Float.floatToIntBits(50f));
            // only the stream's own source port: test packets come from elsewhere and are no GVSP
            Process cap = new ProcessBuilder(tshark, "-i", "lo", "-f",
                    "udp and src host 127.0.0.185 and src port " + ch.sourcePort(), "-a", "duration:30", "-w", pcap.toString())
                    .redirectErrorStream(true).start();
            try {
                CountDownLatch started = new CountDownLatch(1);
                Thread.ofVirtual().start(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(cap.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) {
                            if (l.contains("Capturing on")) {
                                started.countDown();
                            }
                        }
                    } catch (java.io.IOException ignored) {
                        // process ended
                    }
                });
                assumeTrue(started.await(20, TimeUnit.SECONDS) && cap.isAlive(), "tshark cannot capture on lo here");
                Thread.sleep(500); // "Capturing on" comes just before the capture really starts
                try (Camera cam = Cameras.open(addr)) {
                    try (CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam),
                            CameraStream.Options.defaults().packetSize(1400).startAcquisition(false))) {
                        assertThat(s.extendedIds()).isTrue();
                        s.startAcquisition();
                        drain(s, 10);
                        s.stopAcquisition();
                    }
                    // GenDC with several flows, the flow mapping table read back by Camera.stream():
                    // every frame is verified component by component through Frame.genDc()
                    try (CameraStream s = cam.stream(GenApiDevicePort.nodeMap(cam),
                            CameraStream.Options.defaults().packetSize(1400).genDcStreaming(true)
                                    .receiverTuning(c -> c.packetTimeout(java.time.Duration.ofMillis(100))
                                            .frameRetention(java.time.Duration.ofSeconds(5)).resendRatio(10)))) {
                        assertThat(s.genDcFlowSizes()).hasSize(4);
                        drainGenDc(s, 10);
                        assertThat(ch.emitter().counters().framesSent()).isGreaterThan(0);
                        s.stopAcquisition();
                    }
                }
                Thread.sleep(500);
            } finally {
                cap.destroy(); // SIGTERM: tshark finishes the file
                if (!cap.waitFor(10, TimeUnit.SECONDS)) {
                    cap.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            String port = "udp.port==" + ch.sourcePort() + ",gvsp";
            List<String> all = Tshark.run(tshark, "-r", pcap.toString(), "-d", port, "-Y", "gvsp", "-T", "fields", "-e", "frame.number");
            List<String> bad = Tshark.run(tshark, "-r", pcap.toString(), "-d", port,
                    "-Y", "_ws.malformed || _ws.expert.severity >= 0x00600000", "-T", "fields", "-e", "frame.number",
                    "-e", "_ws.expert.message");
            List<String> genDc = Tshark.run(tshark, "-r", pcap.toString(), "-d", port,
                    "-Y", "gvsp.gendc.container.header.signature", "-T", "fields", "-e", "frame.number");
            System.out.println("live capture: " + all.size() + " GVSP packets, " + genDc.size() + " GenDC descriptors");
            assertThat(all.size()).as("GVSP packets captured").isGreaterThan(100);
            assertThat(bad).as("malformed or warning/error expert items").isEmpty();
            assertThat(genDc).as("GenDC descriptors decoded").isNotEmpty();
        }
    }

    /** Takes {@code n} GenDC frames, each COMPLETE and bit-exact in every component. */
    private static void drainGenDc(CameraStream s, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int got = 0;
        while (got < n && System.nanoTime() < end) {
            Frame f = s.take(200, TimeUnit.MILLISECONDS);
            if (f != null) {
                try {
                    assertThat(GenDcFrameCheck.check(f).problem()).as("GenDC frame %d", f.blockId()).isNull();
                } finally {
                    f.release();
                }
                got++;
            }
        }
        assertThat(got).isEqualTo(n);
    }

    /** Takes {@code n} image frames (any status: this test is about the capture). */
    private static void drain(CameraStream s, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int got = 0;
        while (got < n && System.nanoTime() < end) {
            Frame f = s.take(200, TimeUnit.MILLISECONDS);
            if (f != null) {
                f.release();
                got++;
            }
        }
        assertThat(got).isEqualTo(n);
    }

}
