package io.gevgate.simulator.stream;

import io.gevgate.acquisition.gvsp.FrameStatus;
import io.gevgate.acquisition.gvsp.GvspCounter;
import io.gevgate.acquisition.gvsp.GvspReceiver;
import io.gevgate.acquisition.gvsp.GvspReceiverConfig;
import io.gevgate.linux.net.DatagramRing;
import io.gevgate.linux.net.UdpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage and mutated GVSP datagrams over a real socket: counted, never fatal. */
@Timeout(60)
class ReceiverRobustnessTest {
    @Test
    void liveReceiverSurvivesGarbageAndStillDeliversCleanFrames() throws Exception {
        long seed = 0xBADF00DL;
        System.out.println("garbage seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        GvspReceiverConfig rc = new GvspReceiverConfig().frameBufferBytes(320 * 240).frameBufferCount(16)
                .handoffCapacity(16).frameRetention(Duration.ofMillis(200));
        GvspEmitterConfig ec = new GvspEmitterConfig().size(320, 240).frameCount(10).frameRate(50)
                .triggered(true).historyDepth(16);
        try (StreamHarness h = new StreamHarness("127.0.0.66", rc, ec, true);
             UdpSocket tx = UdpSocket.open(); DatagramRing ring = new DatagramRing(64, 1500);
             Arena arena = Arena.ofConfined()) {
            GvspReceiver r = h.receiver;
            tx.bind("127.0.0.66", 0);
            ring.setDestination("127.0.0.66", r.localPort());
            // a valid block to mutate: build its packets with the emitter's packetizer
            BlockLayout layout = BlockLayout.of(ec);
            GvspPacketizer p = new GvspPacketizer(ec, layout);
            StreamBlock block = new StreamBlock(arena.allocate(layout.totalSize));
            block.fill(layout, 40000, 99, 1);
            MemorySegment scratch = arena.allocate(1500);
            int sent = 0;
            for (int round = 0; round < 100; round++) {
                for (int i = 0; i < ring.capacity(); i++) {
                    int len;
                    if (rnd.nextBoolean()) {
                        len = rnd.nextInt(0, 1400);
                        for (int k = 0; k < len; k++) {
                            ring.data().set(ValueLayout.JAVA_BYTE, ring.slotOffset(i) + k, (byte) rnd.nextInt());
                        }
                    } else {
                        len = p.write(block, rnd.nextInt(p.packetCount()), scratch, 0, false);
                        MemorySegment.copy(scratch, 0, ring.data(), ring.slotOffset(i), len);
                        for (int f = 0; f < 3; f++) {
                            long at = ring.slotOffset(i) + rnd.nextInt(Math.max(1, Math.min(len, 40)));
                            ring.data().set(ValueLayout.JAVA_BYTE, at,
                                    (byte) (ring.data().get(ValueLayout.JAVA_BYTE, at) ^ (1 << rnd.nextInt(8))));
                        }
                        len = rnd.nextInt(4) == 0 ? rnd.nextInt(0, len + 1) : len;
                    }
                    ring.setSendLength(i, len);
                }
                sent += tx.send(ring, ring.capacity());
                Thread.sleep(1);
            }
            // drain whatever the garbage produced (timeouts, size mismatches...)
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < deadline && r.counters().get(GvspCounter.PACKETS_RECEIVED) < sent) {
                Thread.sleep(10);
            }
            Thread.sleep(400); // let every garbage frame time out
            io.gevgate.acquisition.gvsp.Frame f;
            while ((f = r.poll()) != null) {
                f.release();
            }
            System.out.println(r.counters());
            assertThat(r.isRunning()).isTrue();
            assertThat(r.failure()).isNull();
            // plus the emitter's answers to resend requests the garbage provoked
            assertThat(r.counters().get(GvspCounter.PACKETS_RECEIVED)).isGreaterThanOrEqualTo(sent);
            assertThat(r.counters().get(GvspCounter.MALFORMED_PACKETS)).isPositive();
            // now a clean stream still arrives bit-exact
            for (int i = 0; i < 10; i++) {
                h.emitter.trigger();
            }
            List<StreamHarness.Received> got = h.collect(10, 20_000, PayloadKind.IMAGE);
            assertThat(got).hasSize(10).allSatisfy(x -> {
                assertThat(x.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(x.problem()).isNull();
            });
        }
    }
}
