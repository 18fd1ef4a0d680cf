package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvcp.DeviceInfo;
import io.gevgate.acquisition.gvcp.Discovery;
import io.gevgate.acquisition.gvcp.GvcpException;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Our receiver through {@link Camera#stream} against Aravis' fake GigE Vision camera on
 * 127.0.0.1 (the only address it binds): 200 frames of 512x512 Mono8, all COMPLETE, consecutive
 * block ids. The fake sends no test packets, so the negotiation keeps its packet size (1400).
 */
class AravisFakeCameraStreamTest {
    private static final String TOOL = "/usr/bin/arv-fake-gv-camera-0.8";
    private static final String SERIAL = "GVSPIT";
    private static final int FRAMES = 200;

    @Test
    void streams200CompleteFramesFromTheAravisFakeCamera() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(TOOL)), TOOL + " is not installed (Debian package aravis-tools)");
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        assumeTrue(waitUntilPortFree(lo, Duration.ofSeconds(15)),
                "127.0.0.1:3956 stays taken (another test runs a fake camera); skipping instead of talking to it");
        Process fake = new ProcessBuilder(TOOL, "-i", "127.0.0.1", "-s", SERIAL).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            DeviceInfo info = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (info == null && System.nanoTime() < deadline && fake.isAlive()) {
                try {
                    info = Discovery.unicast(lo, Duration.ofMillis(300));
                } catch (GvcpException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(info).as("the fake camera answers discovery").isNotNull();
            assumeThat(info.serialNumber()).as("the camera on 127.0.0.1 is ours").isEqualTo(SERIAL);

            try (Camera cam = Cameras.open(lo)) {
                cam.takeControl();
                NodeMap f = GenApiDevicePort.nodeMap(cam);
                f.setInteger("Width", 512);
                f.setInteger("Height", 512);
                f.setEnum("PixelFormat", "Mono8");
                f.setEnum("AcquisitionMode", "Continuous");
                f.setEnum("TriggerMode", "Off");
                f.setFloat("AcquisitionFrameRate", 100.0);
                Map<FrameStatus, Integer> statuses = new EnumMap<>(FrameStatus.class);
                int complete = 0;
                long lastBlock = -1;
                int gaps = 0;
                try (CameraStream s = cam.stream(f, CameraStream.Options.defaults())) {
                    assertThat(s.extendedIds()).as("the fake reports GigE Vision version 0.0").isFalse();
                    assertThat(s.packetSize()).isEqualTo(1400);
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (complete < FRAMES && System.nanoTime() < end) {
                        Frame fr = s.take(500, TimeUnit.MILLISECONDS);
                        if (fr == null) {
                            continue;
                        }
                        try {
                            statuses.merge(fr.status(), 1, Integer::sum);
                            if (fr.status() == FrameStatus.COMPLETE) {
                                complete++;
                                assertThat(fr.width()).isEqualTo(512);
                                assertThat(fr.height()).isEqualTo(512);
                                assertThat(fr.pixelFormat()).isEqualTo(0x01080001);
                                assertThat(fr.payloadSize()).isEqualTo(512 * 512);
                                if (lastBlock >= 0) {
                                    long expected = lastBlock == 65535 ? 1 : lastBlock + 1; // 16-bit ids skip 0
                                    if (fr.blockId() != expected) {
                                        gaps++;
                                    }
                                }
                                lastBlock = fr.blockId();
                            }
                        } finally {
                            fr.release();
                        }
                    }
                    assertThat(statuses).as("frame statuses").containsOnlyKeys(FrameStatus.COMPLETE);
                    assertThat(complete).isEqualTo(FRAMES);
                    assertThat(gaps).as("block id gaps").isZero();
                    assertThat(s.counters().get(GvspCounter.MALFORMED_PACKETS)).isZero();
                }
            }
            assertThat(fake.isAlive()).as("the fake camera survived the session").isTrue();
        } finally {
            fake.destroy();
            if (!fake.waitFor(5, TimeUnit.SECONDS)) {
                fake.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean waitUntilPortFree(InetAddress lo, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            try (DatagramChannel probe = DatagramChannel.open()) {
                probe.bind(new InetSocketAddress(lo, 3956));
                return true;
            } catch (BindException e) {
                Thread.sleep(250);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }
}
