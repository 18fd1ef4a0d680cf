package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;

/** What the receive thread reports of the frame on the wire (the final payload prefix), packet by packet. */
class FrameProgressTest {
    private static final long T0 = 5_000_000_000L;

    private final ReceiverCounters counters = new ReceiverCounters();
    private final GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(Packets.PACKET_SIZE).frameBufferBytes(4096)
            .frameBufferCount(3).handoffCapacity(3);
    private final FramePool pool = new FramePool(3, 4096, GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
    private final FrameQueue queue = new FrameQueue(3, counters, HandoffWait.ADAPTIVE);
    private final GvspReassembler r = new GvspReassembler(cfg, pool, queue, counters);
    private final FrameProgress progress = new FrameProgress();
    private final FrameProgress.View view = new FrameProgress.View();

    /** One receive batch: the packets, then the per-batch report. */
    private void batch(int block, int... pids) {
        for (int pid : pids) {
            MemorySegment p = Packets.packet(block, pid);
            r.onPacket(p, 0, (int) p.byteSize(), T0);
        }
        r.onTick(T0);
        r.publishProgress(progress);
    }

    private FrameProgress.View read() {
        assertThat(progress.read(view)).as("no update in flight: the reading is consistent").isTrue();
        return view;
    }

    @Test
    void theFinalPrefixGrowsWithContiguousPacketsOnlyAndEndsWithTheFrame() {
        assertThat(read().blockId()).isEqualTo(-1);
        batch(5, 0);
        assertThat(read().blockId()).isEqualTo(5);
        assertThat(view.bytes()).as("leader only: no payload yet").isZero();
        assertThat(pool.buffers().stream().map(MemorySegment::address)).contains(view.address());
        long buffer = view.address();
        batch(5, 1, 2);
        assertThat(read().bytes()).isEqualTo(2 * Packets.DATA_PER_PACKET);
        batch(5, 4, 5); // packet 3 missing: bytes after it are not final yet
        assertThat(read().bytes()).isEqualTo(2 * Packets.DATA_PER_PACKET);
        batch(5, 3);
        assertThat(read().bytes()).isEqualTo(5 * Packets.DATA_PER_PACKET);
        assertThat(view.address()).isEqualTo(buffer);
        batch(5, 6, 7);
        assertThat(read().bytes()).as("capped at the announced payload size").isEqualTo(Packets.IMAGE);
        batch(5, 8); // trailer: the frame completes and leaves the receiver
        assertThat(read().blockId()).isEqualTo(-1);
        Frame f = queue.poll();
        assertThat(f).isNotNull();
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThat(f.buffer().address()).isEqualTo(buffer);
        assertThat(Packets.imageMatches(f)).isTrue();
        f.release();
    }

    @Test
    void nothingIsReportedWhileTwoFramesAreOpenAndTheSurvivorIsReportedAfresh() {
        batch(7, 0, 1, 2);
        assertThat(read().bytes()).isEqualTo(2 * Packets.DATA_PER_PACKET);
        batch(8, 0, 1); // the next frame starts while 7 still misses packets
        assertThat(read().blockId()).as("two frames open: the consumer's next frame is not known").isEqualTo(-1);
        // frame 7 is given up (its missing packets never come): abort everything open, then 9 starts alone
        r.abortAll(T0);
        r.publishProgress(progress);
        assertThat(read().blockId()).isEqualTo(-1);
        batch(9, 0, 1);
        assertThat(read().blockId()).isEqualTo(9);
        assertThat(view.bytes()).isEqualTo(Packets.DATA_PER_PACKET);
        for (Frame f; (f = queue.poll()) != null; ) {
            f.release();
        }
    }

    @Test
    void concurrentReadingsAreNeverTorn() throws Exception {
        FrameProgress p = new FrameProgress();
        int updates = 300_000;
        Thread writer = Thread.ofPlatform().daemon(true).start(() -> {
            for (long i = 1; i <= updates; i++) {
                p.publish(i, i * 3, i * 7);
            }
        });
        FrameProgress.View v = new FrameProgress.View();
        long consistent = 0;
        long last = -1;
        long end = System.nanoTime() + 20_000_000_000L;
        while ((writer.isAlive() || consistent == 0) && System.nanoTime() < end) {
            if (p.read(v)) {
                consistent++;
                if (v.blockId() >= 0) {
                    assertThat(v.address()).isEqualTo(v.blockId() * 3);
                    assertThat(v.bytes()).isEqualTo(v.blockId() * 7);
                    assertThat(v.blockId()).as("readings never go back").isGreaterThanOrEqualTo(last);
                    last = v.blockId();
                }
            }
        }
        writer.join(20_000);
        assertThat(consistent).isPositive();
        assertThat(p.read(v)).isTrue();
        assertThat(v.blockId()).isEqualTo(updates);
    }
}
