package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.gvsp.PixelFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class EmitterToReceiverTest {
    @Test
    void lossFreeMono8StreamArrivesBitExact() throws Exception {
        GvspEmitterConfig ec = new GvspEmitterConfig().size(640, 480).pixelFormat(PixelFormats.MONO8)
                .frameCount(50).frameRate(200);
        try (StreamHarness h = new StreamHarness("127.0.0.60", new GvspReceiverConfig().frameBufferBytes(640 * 480).frameBufferCount(64).handoffCapacity(56),
                ec, true)) {
            List<StreamHarness.Received> got = h.collect(50, 20_000, PayloadKind.IMAGE);
            System.out.println(h.receiver.counters() + " " + h.emitter.counters());
            assertThat(got).hasSize(50);
            assertThat(got).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(r.problem()).isNull();
            });
            assertThat(got).extracting(StreamHarness.Received::counter).containsExactlyElementsOf(
                    java.util.stream.LongStream.range(0, 50).boxed().toList());
            assertThat(h.receiver.counters().get(GvspCounter.MALFORMED_PACKETS)).isZero();
        }
    }

    @Test
    void allInPacketsCarryWholeSmallFrames() throws Exception {
        GvspEmitterConfig ec = new GvspEmitterConfig().size(32, 16).pixelFormat(PixelFormats.MONO12P).allIn(true)
                .frameCount(30).frameRate(300);
        try (StreamHarness h = new StreamHarness("127.0.0.69", new GvspReceiverConfig().frameBufferBytes(4096)
                .frameBufferCount(40).handoffCapacity(32), ec, true)) {
            assertThat(h.emitter.packetsPerBlock()).isEqualTo(1);
            List<StreamHarness.Received> got = h.collect(30, 20_000, PayloadKind.IMAGE);
            assertThat(got).hasSize(30).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(r.problem()).isNull();
                assertThat(r.packets()).isEqualTo(1);
            });
        }
    }
}
