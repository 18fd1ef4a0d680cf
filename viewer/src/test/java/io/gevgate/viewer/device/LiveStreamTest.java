package io.gevgate.viewer.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.simulator.registers.FeatureRegisters;
import io.gevgate.simulator.stream.TestPattern;
import io.gevgate.viewer.StreamingSimulator;
import io.gevgate.viewer.image.ArgbImage;
import io.gevgate.viewer.image.LatestFrameSlot;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * The live path without the UI: session, stream channel set-up, receiver, conversion. An RGB8 frame
 * must come out of the converter with R, G, B exactly the simulator's pattern bytes; a software
 * trigger in trigger mode delivers exactly one new frame.
 */
class LiveStreamTest {

    @Test
    void rgb8FramesArriveBitExactAndTriggerModeDeliversOnDemand() throws Exception {
        try (StreamingSimulator sim = StreamingSimulator.start("127.0.0.161", 20);
             DeviceSession s = DeviceSession.open(InetAddress.getByName("127.0.0.161"))) {
            s.features().setEnum("PixelFormat", "RGB8");
            s.features().setInteger("Width", 64);
            s.features().setInteger("Height", 48);
            assertThat(sim.registers().value(FeatureRegisters.PIXEL_FORMAT)).isEqualTo(FeatureRegisters.PFNC_RGB8);
            LatestFrameSlot slot = new LatestFrameSlot();
            try (LiveStream live = LiveStream.start(s, slot)) {
                ArgbImage img = await(slot);
                assertThat(img.width()).isEqualTo(64);
                assertThat(img.height()).isEqualTo(48);
                byte[] bytes = new byte[64 * 48 * 3];
                for (int i = 0; i < 64 * 48; i++) {
                    int p = img.argb()[i];
                    bytes[3 * i] = (byte) (p >>> 16);
                    bytes[3 * i + 1] = (byte) (p >>> 8);
                    bytes[3 * i + 2] = (byte) p;
                }
                TestPattern.Verification v = TestPattern.verify(MemorySegment.ofArray(bytes), 0, bytes.length);
                assertThat(v.ok()).as(v.problem()).isTrue();
                assertThat(live.stats().frames()).isPositive();
            }
            assertThat(sim.streaming()).isFalse();

            s.features().setEnum("TriggerMode", "On");
            LatestFrameSlot triggered = new LatestFrameSlot();
            try (LiveStream live = LiveStream.start(s, triggered)) {
                Thread.sleep(300);
                assertThat(triggered.take()).as("no frame without a trigger").isNull();
                s.features().execute("TriggerSoftware");
                assertThat(await(triggered)).isNotNull();
                assertThat(live.stats().frames()).isEqualTo(1);
            }
        }
    }

    private static ArgbImage await(LatestFrameSlot slot) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            ArgbImage img = slot.take();
            if (img != null) {
                return img;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no frame within 10 s");
    }
}
