package io.gevgate.acquisition.gvsp;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated and random datagrams never crash the receive state machine, are counted, and a clean
 * block that follows still completes bit-exact.
 */
class ReassemblerFuzzTest {
    @Test
    void mutatedAndRandomPacketsAreSurvivedAndCounted() {
        long seed = 0xF0221L;
        System.out.println("fuzz seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        ReceiverCounters counters = new ReceiverCounters();
        GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(Packets.PACKET_SIZE).frameBufferBytes(4096)
                .frameBufferCount(4).handoffCapacity(4)
                .resendRequester((b, f, l) -> { });
        FramePool pool = new FramePool(4, 4096, GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
        FrameQueue queue = new FrameQueue(4, counters);
        GvspReassembler r = new GvspReassembler(cfg, pool, queue, counters);
        FrameProgress progress = new FrameProgress();
        FrameProgress.View view = new FrameProgress.View();
        long now = 0;
        for (int i = 0; i < 100_000; i++) {
            MemorySegment p;
            if (rnd.nextInt(4) == 0) {
                byte[] b = new byte[rnd.nextInt(0, 200)];
                rnd.nextBytes(b);
                p = MemorySegment.ofArray(b);
            } else {
                MemorySegment valid = Packets.packet(rnd.nextInt(1, 70000) & 0xFFFF | 1, rnd.nextInt(Packets.COUNT));
                byte[] b = valid.toArray(ValueLayout.JAVA_BYTE);
                int flips = rnd.nextInt(1, 4);
                for (int k = 0; k < flips && b.length > 0; k++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                int len = rnd.nextBoolean() ? b.length : rnd.nextInt(0, b.length + 1);
                p = MemorySegment.ofArray(b).asSlice(0, len);
            }
            r.onPacket(p, 0, (int) p.byteSize(), now);
            r.publishProgress(progress);
            // whatever arrived, the reported prefix stays inside one pool buffer
            if (progress.read(view) && view.blockId() >= 0) {
                assertThat(view.bytes()).isBetween(0L, 4096L);
                assertThat(pool.buffers().stream().map(MemorySegment::address)).contains(view.address());
            }
            now += 10_000;
            if ((i & 63) == 0) {
                r.onTick(now);
                Frame f;
                while ((f = queue.poll()) != null) {
                    f.release();
                }
            }
        }
        r.onTick(now + 1_000_000_000L);
        Frame f;
        while ((f = queue.poll()) != null) {
            f.release();
        }
        System.out.println(counters);
        assertThat(counters.get(GvspCounter.MALFORMED_PACKETS)).isPositive();
        assertThat(counters.get(GvspCounter.PACKETS_RECEIVED)).isEqualTo(100_000);
        // the state machine still works: a clean block completes exactly
        now += 2_000_000_000L;
        for (MemorySegment p : Packets.block(4242)) {
            r.onPacket(p, 0, (int) p.byteSize(), now);
        }
        Frame clean = null;
        while ((f = queue.poll()) != null) {
            if (f.blockId() == 4242) {
                clean = f;
            } else {
                f.release();
            }
        }
        assertThat(clean).isNotNull();
        assertThat(clean.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThat(Packets.imageMatches(clean)).isTrue();
    }
}
