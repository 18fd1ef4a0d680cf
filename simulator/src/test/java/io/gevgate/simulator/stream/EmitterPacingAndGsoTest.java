package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.acquisition.gvsp.PixelFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The emitter's two ways of sending besides one datagram per packet: UDP GSO (several packets per
 * message, cut apart by the kernel) and SCPD pacing (a pause after every packet). Loopback
 * 127.0.0.88-90.
 */
@Timeout(120)
class EmitterPacingAndGsoTest {

    @Test
    void gsoStreamWithLossArrivesAsOrdinaryDatagramsAndIsFullyRecovered() throws Exception {
        int frames = 60;
        GvspEmitterConfig ec = new GvspEmitterConfig().size(640, 480).pixelFormat(PixelFormats.MONO8).frameCount(frames)
                .frameRate(100).historyDepth(64).udpGso(true).loss(LossInjection.random(0.01, 0x650D01));
        // same relaxed re-request/retention/budget as LossRecoveryTest (loaded 2-core host)
        GvspReceiverConfig rc = new GvspReceiverConfig().frameBufferBytes(640 * 480).frameBufferCount(frames + 16)
                .handoffCapacity(frames).packetTimeout(Duration.ofMillis(50)).frameRetention(Duration.ofSeconds(2))
                .resendRatio(1.0);
        try (StreamHarness h = new StreamHarness("127.0.0.88", rc, ec, true)) {
            assumeTrue(h.emitter.packetsPerSend() > 1, "kernel refused UDP_SEGMENT (needs Linux 4.18+)");
            List<StreamHarness.Received> got = h.collect(frames, 60_000, PayloadKind.IMAGE);
            System.out.println(h.receiver.counters() + " " + h.emitter.counters());
            assertThat(got).allSatisfy(r -> {
                assertThat(r.status()).as("block %d", r.blockId()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(r.problem()).as("block %d", r.blockId()).isNull();
            });
            assertThat(got).extracting(StreamHarness.Received::counter)
                    .containsExactlyInAnyOrderElementsOf(LongStream.range(0, frames).boxed().toList());
            // the kernel cut every message into GVSP packets: one datagram per packet, none malformed
            assertThat(h.receiver.counters().get(GvspCounter.MALFORMED_PACKETS)).isZero();
            assertThat(h.receiver.counters().get(GvspCounter.BYTES_RECEIVED))
                    .isLessThanOrEqualTo(h.receiver.counters().get(GvspCounter.PACKETS_RECEIVED) * (ec.packetSize() - 28L));
            assertThat(h.emitter.counters().packetsDropped()).isPositive();
            assertThat(h.receiver.counters().get(GvspCounter.RESENT_PACKETS_RECEIVED)).isPositive();
        }
    }

    @Test
    void interPacketDelaySpacesEveryPacket() throws Exception {
        long delay = 200_000; // 200 us: far above timer slack, so the lower bound below is meaningful
        GvspEmitterConfig ec = new GvspEmitterConfig().size(160, 120).pixelFormat(PixelFormats.MONO8).frameCount(2)
                .frameRate(0).interPacketDelayNanos(delay);
        GvspReceiverConfig rc = new GvspReceiverConfig().frameBufferBytes(160 * 120).frameBufferCount(8).handoffCapacity(4);
        long t0 = System.nanoTime();
        try (StreamHarness h = new StreamHarness("127.0.0.89", rc, ec, true)) {
            int packets = 2 * h.emitter.packetsPerBlock();
            List<StreamHarness.Received> got = h.collect(2, 30_000, PayloadKind.IMAGE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!h.emitter.finishedSending() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - t0;
            assertThat(h.emitter.finishedSending()).isTrue();
            assertThat(h.emitter.packetsPerSend()).isEqualTo(1);
            assertThat(got).hasSize(2).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(r.problem()).isNull();
            });
            // a slow host can only make it slower: the pauses are a lower bound
            assertThat(elapsed).as("%d packets with %d ns after each", packets, delay)
                    .isGreaterThanOrEqualTo((packets - 1) * delay);
        }
    }

    @Test
    void resendHistoryCoversSecondsAtASetFrameRate() {
        // 100 fps VGA Mono8: two seconds of frames, more than the option's minimum of 32
        assertThat(SimulatedStreamChannel.historyDepth(32, 100, 640 * 480)).isEqualTo(200);
        // 1000 fps of 1 MiB: capped by memory (128 MiB)
        assertThat(SimulatedStreamChannel.historyDepth(32, 1000, 1 << 20)).isEqualTo(128);
        // free-running / triggered: the minimum
        assertThat(SimulatedStreamChannel.historyDepth(32, 0, 1 << 20)).isEqualTo(32);
        // never below the minimum
        assertThat(SimulatedStreamChannel.historyDepth(64, 5, 1 << 20)).isEqualTo(64);
    }
}
