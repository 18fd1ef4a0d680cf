package io.gevgate.acquisition.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.camera.Camera;
import io.gevgate.acquisition.camera.CameraStream;
import io.gevgate.acquisition.camera.Cameras;
import io.gevgate.acquisition.camera.GenApiDevicePort;
import io.gevgate.acquisition.genapi.NodeMap;
import io.gevgate.acquisition.gvsp.Frame;
import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import java.net.InetAddress;
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
    private static final String SERIAL = "GVSPIT";
    private static final int FRAMES = 200;

    @Test
    void streams200CompleteFramesFromTheAravisFakeCamera() throws Exception {
        try (AravisFakeCamera fake = AravisFakeCamera.start(SERIAL)) {
            InetAddress lo = fake.address();
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
        }
    }
}
