package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.gvsp.PixelFormats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each payload kind and pixel format, with 1 % loss and resend, arrives bit-exact. */
@Timeout(120)
class PayloadKindsTest {
    private static final int FRAMES = 20;

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(PayloadKind.IMAGE, PixelFormats.MONO8, false, 1500, "127.0.0.70"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.MONO16, true, 1500, "127.0.0.71"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.MONO12P, false, 8192, "127.0.0.72"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.BAYER_RG8, true, 1500, "127.0.0.73"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.BAYER_RG12P, false, 1500, "127.0.0.74"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.RGB8, true, 9000, "127.0.0.75"),
                Arguments.of(PayloadKind.IMAGE, PixelFormats.YUV422_8, false, 1500, "127.0.0.76"),
                Arguments.of(PayloadKind.IMAGE_WITH_CHUNKS, PixelFormats.MONO8, false, 1500, "127.0.0.77"),
                Arguments.of(PayloadKind.CHUNK_DATA, PixelFormats.MONO8, true, 1500, "127.0.0.78"),
                Arguments.of(PayloadKind.RAW, PixelFormats.MONO8, false, 1500, "127.0.0.79"),
                Arguments.of(PayloadKind.JPEG, PixelFormats.MONO8, true, 1500, "127.0.0.80"),
                Arguments.of(PayloadKind.MULTIPART, PixelFormats.MONO8, true, 1500, "127.0.0.81"),
                Arguments.of(PayloadKind.GENDC, PixelFormats.MONO8, true, 1500, "127.0.0.82"),
                Arguments.of(PayloadKind.GENDC, PixelFormats.MONO16, true, 8192, "127.0.0.83"));
    }

    @ParameterizedTest(name = "{0} pf=0x{1} ext={2} packet={3}")
    @MethodSource("kinds")
    void kindArrivesBitExactDespiteLoss(PayloadKind kind, int pf, boolean ext, int packet, String address)
            throws Exception {
        GvspEmitterConfig ec = new GvspEmitterConfig().payloadKind(kind).pixelFormat(pf).size(320, 240)
                .rawSize(100_003).extendedIds(ext).packetSize(packet).frameCount(FRAMES).frameRate(100)
                .historyDepth(64).loss(LossInjection.random(0.01, 0xC0FFEE + address.hashCode()))
                // 16-bit ids start near the wrap so 65535 -> 1 is crossed
                .firstBlockId(ext ? 1L << 40 : 65530);
        GvspReceiverConfig rc = new GvspReceiverConfig().frameBufferBytes(2 << 20).frameBufferCount(FRAMES + 8)
                .handoffCapacity(FRAMES).resendRatio(1.0).packetTimeout(Duration.ofMillis(50))
                .frameRetention(Duration.ofSeconds(2)); // relaxed for loaded CI hosts, see LossRecoveryTest
        try (StreamHarness h = new StreamHarness(address, rc, ec, true)) {
            List<StreamHarness.Received> got = h.collect(FRAMES, 30_000, kind);
            System.out.println(kind + " " + h.receiver.counters());
            assertThat(got).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(r.problem()).as("block %d", r.blockId()).isNull();
            });
            assertThat(got).extracting(StreamHarness.Received::counter)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, FRAMES).boxed().toList());
        }
    }
}
