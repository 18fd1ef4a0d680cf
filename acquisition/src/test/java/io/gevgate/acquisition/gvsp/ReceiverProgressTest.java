package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real loopback UDP: while a frame is only half sent, a consumer waiting in
 * {@link GvspReceiver#take(long, TimeUnit, Runnable)} (ADAPTIVE) sees its final prefix through
 * {@link GvspReceiver#progress}, in the buffer the completed frame is then handed over in.
 * Deterministic: the second half is sent only after the consumer has seen the first.
 */
@Timeout(60)
class ReceiverProgressTest {

    private static void send(DatagramChannel ch, InetSocketAddress to, int block, int... pids) throws Exception {
        for (int pid : pids) {
            MemorySegment p = Packets.packet(block, pid);
            ch.send(p.asByteBuffer(), to);
        }
    }

    @Test
    void aWaitingConsumerSeesTheFramesFinalPrefixBeforeItCompletes() throws Exception {
        GvspReceiverConfig cfg = new GvspReceiverConfig().bindAddress("127.0.0.1").port(0).packetSize(Packets.PACKET_SIZE)
                .frameBufferCount(4).frameBufferBytes(4096).handoffWait(HandoffWait.ADAPTIVE)
                // a slow (loaded) test machine must not see the half-sent frame time out
                .frameRetention(java.time.Duration.ofSeconds(45));
        List<long[]> seen = new CopyOnWriteArrayList<>(); // {blockId, address, bytes}
        try (GvspReceiver r = GvspReceiver.start(cfg); DatagramChannel ch = DatagramChannel.open()) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", r.localPort());
            FrameProgress.View view = new FrameProgress.View();
            Runnable hook = () -> {
                if (r.progress(view) && view.blockId() >= 0 && view.bytes() > 0) {
                    seen.add(new long[] {view.blockId(), view.address(), view.bytes()});
                }
            };
            CompletableFuture<Frame> taken = new CompletableFuture<>();
            Thread.ofPlatform().daemon(true).name("progress-consumer").start(() -> {
                try {
                    taken.complete(r.take(50, TimeUnit.SECONDS, hook));
                } catch (Throwable t) {
                    taken.completeExceptionally(t);
                }
            });
            send(ch, to, 21, 0, 1, 2, 3);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            while (seen.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(2);
            }
            assertThat(seen).as("the waiting consumer saw the half-sent frame's prefix").isNotEmpty();
            assertThat(taken).as("the frame is not complete yet").isNotDone();
            send(ch, to, 21, 4, 5, 6, 7, 8);
            Frame f = taken.get(40, TimeUnit.SECONDS);
            assertThat(f).isNotNull();
            try {
                assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
                assertThat(Packets.imageMatches(f)).isTrue();
                for (long[] s : seen) {
                    assertThat(s[0]).isEqualTo(21);
                    assertThat(s[1]).as("the prefix lies in the buffer the frame is handed over in")
                            .isEqualTo(f.buffer().address());
                    assertThat(s[2]).isBetween(1L, (long) Packets.IMAGE);
                }
                assertThat(seen.getFirst()[2]).as("packets 1..3 arrived before the consumer looked")
                        .isLessThanOrEqualTo(3L * Packets.DATA_PER_PACKET);
            } finally {
                f.release();
            }
        }
    }
}
