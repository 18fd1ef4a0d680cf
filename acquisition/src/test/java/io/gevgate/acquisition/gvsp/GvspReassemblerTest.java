package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspStatus;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The receive state machine driven with synthetic packets and a synthetic clock. */
class GvspReassemblerTest {
    private static final long MS = 1_000_000L;

    private final List<long[]> requests = new ArrayList<>();
    private final ReceiverCounters counters = new ReceiverCounters();
    private FrameQueue queue;
    private FramePool pool;
    private GvspReassembler r;

    private void setUp(int buffers, int handoff, boolean resend) {
        GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(Packets.PACKET_SIZE).frameBufferBytes(4096)
                .frameBufferCount(buffers).handoffCapacity(handoff).minResendBudget(4);
        if (resend) {
            cfg.resendRequester((b, f, l) -> requests.add(new long[] {b, f, l}));
        }
        pool = new FramePool(buffers, 4096, GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
        queue = new FrameQueue(handoff, counters);
        r = new GvspReassembler(cfg, pool, queue, counters);
    }

    /** Synthetic clock origin; a hole timestamp of 0 means "not seen yet" inside the reassembler. */
    private static final long T0 = 5_000_000_000L;

    private void feed(MemorySegment p, long now) {
        r.onPacket(p, 0, (int) p.byteSize(), T0 + now);
    }

    private void tick(long now) {
        r.onTick(T0 + now);
    }

    private void feedBlock(int block, long now, int... skip) {
        outer:
        for (int pid = 0; pid < Packets.COUNT; pid++) {
            for (int s : skip) {
                if (s == pid) {
                    continue outer;
                }
            }
            feed(Packets.packet(block, pid), now);
        }
    }

    @Test
    void inOrderBlockCompletesWithExactPixels() {
        setUp(2, 2, true);
        feedBlock(7, 0);
        Frame f = queue.poll();
        assertThat(f).isNotNull();
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThat(f.width()).isEqualTo(Packets.WIDTH);
        assertThat(f.height()).isEqualTo(Packets.HEIGHT);
        assertThat(f.pixelFormat()).isEqualTo(PixelFormats.MONO8);
        assertThat(f.timestamp()).isEqualTo(1007);
        assertThat(f.partCount()).isEqualTo(1);
        assertThat(f.part(0).length()).isEqualTo(Packets.IMAGE);
        assertThat(Packets.imageMatches(f)).isTrue();
        assertThat(counters.get(GvspCounter.FRAMES_COMPLETED)).isEqualTo(1);
        int free = pool.freeCount();
        f.release();
        f.release(); // idempotent
        assertThat(pool.freeCount()).isEqualTo(free + 1);
    }

    @Test
    void holeIsRequestedAfterInitialTimeoutAndAgainAfterPacketTimeout() {
        setUp(2, 2, true);
        feedBlock(3, 0, 4);
        tick(MS / 2);
        assertThat(requests).isEmpty(); // not yet 1 ms old
        tick(MS + 1);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsExactly(3, 4, 4);
        tick(10 * MS);
        assertThat(requests).hasSize(1); // re-request waits 20 ms
        tick(MS + 1 + 20 * MS);
        assertThat(requests).hasSize(2);
        feed(Packets.packet(3, 4), 22 * MS);
        Frame f = queue.poll();
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThat(f.packetsResent()).isEqualTo(1);
        assertThat(Packets.imageMatches(f)).isTrue();
        assertThat(counters.get(GvspCounter.RESENT_PACKETS_RECEIVED)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.RESEND_REQUESTS)).isEqualTo(2);
    }

    @Test
    void lostTrailerIsRequestedWhenTheNextBlockStarts() {
        setUp(3, 3, true);
        feedBlock(3, 0, Packets.COUNT - 1);
        feed(Packets.packet(4, 0), MS / 10);
        tick(MS / 10);
        tick(2 * MS);
        assertThat(requests).extracting(a -> a[0] + ":" + a[1] + "-" + a[2]).containsExactly("3:8-8");
    }

    @Test
    void silentDeviceGivesTimeoutWithMissingCount() {
        setUp(2, 2, true);
        feed(Packets.packet(5, 0), 0);
        feed(Packets.packet(5, 1), 0);
        tick(99 * MS);
        assertThat(queue.poll()).isNull();
        tick(100 * MS);
        Frame f = queue.poll();
        assertThat(f.status()).isEqualTo(FrameStatus.TIMEOUT);
        assertThat(f.packetsMissing()).isEqualTo(Packets.COUNT - 2);
        assertThat(counters.get(GvspCounter.FRAMES_TIMED_OUT)).isEqualTo(1);
    }

    @Test
    void withoutResendAHoleClosesAsMissingPackets() {
        setUp(2, 2, false);
        feedBlock(9, 0, 2);
        tick(MS / 2);
        assertThat(queue.poll()).isNull();
        tick(2 * MS);
        Frame f = queue.poll();
        assertThat(f.status()).isEqualTo(FrameStatus.MISSING_PACKETS);
        assertThat(f.packetsMissing()).isEqualTo(1);
    }

    @Test
    void refusedResendStopsRequestsAndFailsFast() {
        setUp(2, 2, true);
        feedBlock(9, 0, 2);
        tick(2 * MS);
        assertThat(requests).hasSize(1);
        MemorySegment err = MemorySegment.ofArray(new byte[8]);
        new GvspHeader().wrap(err, 0).writeStandard(GvspStatus.PACKET_REMOVED_FROM_MEMORY, 9,
                GvspPacketFormat.PAYLOAD_GENERIC, 2);
        feed(err, 3 * MS);
        tick(5 * MS);
        assertThat(queue.poll().status()).isEqualTo(FrameStatus.MISSING_PACKETS);
        assertThat(counters.get(GvspCounter.RESEND_REFUSED)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.ERROR_STATUS_PACKETS)).isEqualTo(1);
        assertThat(requests).hasSize(1);
    }

    @Test
    void budgetLimitsRequests() {
        setUp(2, 2, true);
        // 9 packets, min budget 4, ratio 0.25 -> budget 4: only the front of a 6-packet hole is asked for
        feed(Packets.packet(2, 0), 0);
        feed(Packets.packet(2, 7), 0);
        feed(Packets.packet(2, 8), 0);
        tick(2 * MS);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsExactly(2, 1, 4);
        assertThat(counters.get(GvspCounter.RESEND_BUDGET_EXHAUSTED)).isEqualTo(1);
    }

    @Test
    void noFreeBufferDropsTheBlockOnce() {
        setUp(1, 1, true);
        feed(Packets.packet(1, 0), 0);
        feedBlock(2, 0);
        assertThat(counters.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER)).isEqualTo(1);
    }

    @Test
    void whenAllBuffersWaitForTheConsumerTheOldestGivesWay() {
        setUp(2, 2, true);
        feedBlock(1, 0);
        feedBlock(2, 0);
        feedBlock(3, 0); // both buffers sit in the hand-off queue: block 1 is discarded
        assertThat(counters.get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.FRAMES_DROPPED_NO_BUFFER)).isZero();
        assertThat(queue.poll().blockId()).isEqualTo(2);
        assertThat(queue.poll().blockId()).isEqualTo(3);
    }

    @Test
    void slowConsumerLosesTheOldestFrameAndItsBufferComesBack() {
        setUp(3, 1, true);
        feedBlock(1, 0);
        feedBlock(2, 0);
        assertThat(counters.get(GvspCounter.FRAMES_DROPPED_SLOW_CONSUMER)).isEqualTo(1);
        Frame f = queue.poll();
        assertThat(f.blockId()).isEqualTo(2);
        assertThat(pool.freeCount()).isEqualTo(2);
    }

    @Test
    void duplicatesOutOfOrderAndLatePacketsAreCounted() {
        setUp(2, 2, true);
        feed(Packets.packet(4, 0), 0);
        feed(Packets.packet(4, 2), 0);
        feed(Packets.packet(4, 1), 0);
        feed(Packets.packet(4, 1), 0);
        for (int pid = 3; pid < Packets.COUNT; pid++) {
            feed(Packets.packet(4, pid), 0);
        }
        assertThat(queue.poll().status()).isEqualTo(FrameStatus.COMPLETE);
        feed(Packets.packet(4, 3), 0);
        assertThat(counters.get(GvspCounter.DUPLICATE_PACKETS)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.OUT_OF_ORDER_PACKETS)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.LATE_PACKETS)).isEqualTo(1);
    }

    @Test
    void sixteenBitBlockIdsWrapFrom65535To1() {
        setUp(3, 3, true);
        feedBlock(65535, 0);
        feedBlock(1, 0);
        assertThat(queue.poll().blockId()).isEqualTo(65535);
        Frame f = queue.poll();
        assertThat(f.blockId()).isEqualTo(1);
        assertThat(Packets.imageMatches(f)).isTrue();
        assertThat(counters.get(GvspCounter.LATE_PACKETS)).isZero();
    }

    @Test
    void abortClosesOpenFrames() {
        setUp(2, 2, true);
        feed(Packets.packet(6, 0), 0);
        r.abortAll(T0 + MS);
        assertThat(queue.poll().status()).isEqualTo(FrameStatus.ABORTED);
        assertThat(r.openFrames()).isZero();
    }
}
