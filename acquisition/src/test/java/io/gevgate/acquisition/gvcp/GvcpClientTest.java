package io.gevgate.acquisition.gvcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gevgate.acquisition.gvcp.codec.AckHeader;
import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.MemoryCodec;
import io.gevgate.acquisition.gvcp.codec.PacketResendCodec;
import io.gevgate.acquisition.gvcp.codec.PendingAckCodec;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** The client against scripted peers on 127.0.0.50–59: statuses, retries, PENDING_ACK, malformed acks, concurrency. */
class GvcpClientTest {
    /**
     * Timeout of a device that answers at once: long, so that a device thread descheduled on a
     * loaded machine never causes a retry (the tests count datagrams, retries and acks exactly).
     */
    private static final long WELL_BEHAVED_TIMEOUT_MS = 5000;

    /** Waits (bounded: 10 s) until the device thread has read {@code n} datagrams. */
    private static void awaitReceived(ScriptedDevice dev, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (dev.received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static GvcpClient client(String address, long timeoutMs, int tries) throws Exception {
        return GvcpClient.open(new InetSocketAddress(InetAddress.getByName(address), 3956),
                new GvcpClient.Options(Duration.ofMillis(timeoutMs), tries, null));
    }

    /** READREG answered with value = address; WRITEREG acked; READMEM from a byte pattern. */
    static List<ScriptedDevice.Reply> wellBehaved(CommandHeader h, int capability) {
        ByteBuffer out = ByteBuffer.allocate(1600);
        int len;
        switch (h.command()) {
            case GvcpCodes.READREG_CMD -> {
                int n = RegisterCodec.readRegCommandCount(h);
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    int a = RegisterCodec.readRegCommandAddress(h, i);
                    v[i] = a == BootstrapRegisters.GVCP_CAPABILITY ? capability : a;
                }
                len = RegisterCodec.encodeReadRegAck(out, 0, 0, h.requestId(), v, n);
            }
            case GvcpCodes.WRITEREG_CMD -> len = RegisterCodec.encodeIndexAck(out, 0, 0, GvcpCodes.WRITEREG_ACK,
                    h.requestId(), RegisterCodec.writeRegCommandCount(h));
            case GvcpCodes.READMEM_CMD -> {
                int a = MemoryCodec.readMemCommandAddress(h);
                int n = MemoryCodec.readMemCommandCount(h);
                len = MemoryCodec.encodeReadMemAck(out, 0, 0, h.requestId(), a, n);
                for (int i = 0; i < n; i++) {
                    out.put(MemoryCodec.dataOffset(0) + i, (byte) (a + i));
                }
            }
            default -> {
                return List.of();
            }
        }
        byte[] b = new byte[len];
        out.get(0, b);
        return List.of(ScriptedDevice.Reply.now(b));
    }

    @Test
    void readsWritesAndSplitsMemoryIntoChunks() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.50", (h, raw) -> wellBehaved(h, 0));
             GvcpClient c = client("127.0.0.50", WELL_BEHAVED_TIMEOUT_MS, 3)) {
            assertThat(c.readRegister(0x10000)).isEqualTo(0x10000);
            c.writeRegister(0x10000, 640);
            byte[] mem = c.readMemory(0x102, 1500);
            for (int i = 0; i < mem.length; i++) {
                assertThat(mem[i]).as("byte %d", i).isEqualTo((byte) (0x102 + i));
            }
            long readMems = dev.received.stream().filter(r -> (((r[2] & 0xFF) << 8) | (r[3] & 0xFF)) == GvcpCodes.READMEM_CMD).count();
            assertThat(readMems).isEqualTo(3); // 0x100..0x6E0 = 1504 bytes → 536 + 536 + 432
            for (byte[] r : dev.received) {
                if ((((r[2] & 0xFF) << 8) | (r[3] & 0xFF)) == GvcpCodes.READMEM_CMD) {
                    int count = ((r[14] & 0xFF) << 8) | (r[15] & 0xFF);
                    assertThat(count).isBetween(4, 536);
                }
            }
            assertThat(c.counters().retries()).isZero();
        }
    }

    @Test
    void concatenatesReadsOnlyWhenTheDeviceSaysSo() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.51", (h, raw) -> wellBehaved(h, GvcpCapabilities.CONCATENATION));
             GvcpClient c = client("127.0.0.51", WELL_BEHAVED_TIMEOUT_MS, 3)) {
            int[] v = c.readRegisters(0x10, 0x20, 0x30);
            assertThat(v).containsExactly(0x10, 0x20, 0x30);
            // one capability read + one READREG with three addresses
            assertThat(dev.received).hasSize(2);
            assertThat(dev.received.get(1)).hasSize(8 + 12);
        }
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.52", (h, raw) -> wellBehaved(h, 0));
             GvcpClient c = client("127.0.0.52", WELL_BEHAVED_TIMEOUT_MS, 3)) {
            assertThat(c.readRegisters(0x10, 0x20, 0x30)).containsExactly(0x10, 0x20, 0x30);
            assertThat(dev.received).hasSize(4);
        }
    }

    @Test
    void errorStatusBecomesTypedException() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.53", (h, raw) -> {
                 byte[] b = new byte[12];
                 RegisterCodec.encodeIndexAck(ByteBuffer.wrap(b), 0, 0x8006, GvcpCodes.WRITEREG_ACK, h.requestId(), 0);
                 return List.of(ScriptedDevice.Reply.now(b));
             });
             GvcpClient c = client("127.0.0.53", WELL_BEHAVED_TIMEOUT_MS, 3)) {
            assertThatThrownBy(() -> c.writeRegister(0x10000, 1))
                    .isInstanceOfSatisfying(GvcpException.class, e -> {
                        assertThat(e.statusName()).isEqualTo("ACCESS_DENIED");
                        assertThat(e.statusCode()).isEqualTo(0x8006);
                        assertThat(e.command()).isEqualTo("WRITEREG_CMD");
                    }).hasMessageContaining("0x00010000");
            assertThat(c.counters().errorStatuses()).isEqualTo(1);
        }
    }

    @Test
    void silenceIsATimeoutAfterEveryTry() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.54", (h, raw) -> List.of());
             GvcpClient c = client("127.0.0.54", 60, 3)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> c.readRegister(0x0)).isInstanceOfSatisfying(GvcpTimeoutException.class,
                    e -> assertThat(e.statusName()).isEqualTo("TIMEOUT"));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(170));
            // the client has sent all three; the device thread may not have read the last one yet
            awaitReceived(dev, 3);
            assertThat(dev.received).hasSize(3);
            // Retries reuse the request id so that a late ack to the first try still counts.
            assertThat(dev.received).extracting(r -> ((r[6] & 0xFF) << 8) | (r[7] & 0xFF)).containsOnly(
                    ((dev.received.get(0)[6] & 0xFF) << 8) | (dev.received.get(0)[7] & 0xFF));
            assertThat(c.counters().retries()).isEqualTo(2);
            assertThat(c.counters().timeouts()).isEqualTo(1);
        }
    }

    @Test
    void pendingAckExtendsTheWait() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.55", (h, raw) -> {
                 byte[] pending = new byte[12];
                 // promises 6 s, answers after 2 s: wide margins for a loaded machine on both sides
                 PendingAckCodec.encode(ByteBuffer.wrap(pending), 0, h.requestId(), 6000);
                 List<ScriptedDevice.Reply> real = wellBehaved(h, 0);
                 return List.of(ScriptedDevice.Reply.now(pending), new ScriptedDevice.Reply(real.get(0).bytes(), 2000));
             });
             GvcpClient c = client("127.0.0.55", 1000, 1)) {
            c.writeRegister(0x10034, 1); // 2000 ms > 1000 ms timeout × 1 try: only PENDING_ACK makes this pass
            assertThat(c.counters().pendingAcks()).isEqualTo(1);
            assertThat(c.counters().retries()).isZero();
        }
    }

    @Test
    void staleAndMalformedAcksAreCountedAndSkipped() throws Exception {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.56", (h, raw) -> {
                 List<ScriptedDevice.Reply> out = new ArrayList<>();
                 byte[] stale = wellBehaved(h, 0).get(0).bytes().clone();
                 stale[7] ^= 0x55; // another request id
                 out.add(ScriptedDevice.Reply.now(stale));
                 out.add(ScriptedDevice.Reply.now(new byte[] {0, 0, 0})); // truncated
                 byte[] junk = new byte[40];
                 for (int i = 0; i < junk.length; i++) {
                     junk[i] = (byte) rnd.nextInt();
                 }
                 junk[4] = 0x7F; // length field beyond the datagram
                 out.add(ScriptedDevice.Reply.now(junk));
                 out.add(wellBehaved(h, 0).get(0));
                 return out;
             });
             GvcpClient c = client("127.0.0.56", WELL_BEHAVED_TIMEOUT_MS, 2)) {
            assertThat(c.readRegister(0x24)).isEqualTo(0x24);
            assertThat(c.counters().staleAcks()).isEqualTo(1);
            assertThat(c.counters().malformedAcks()).isEqualTo(2);
        }
    }

    @Test
    void wrongAckLengthForTheRightIdIsMalformedAck() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.57", (h, raw) -> {
                 byte[] b = new byte[16];
                 AckHeader.encode(ByteBuffer.wrap(b), 0, 0, GvcpCodes.READREG_ACK, 8, h.requestId()); // 2 values for 1 address
                 return List.of(ScriptedDevice.Reply.now(b));
             });
             GvcpClient c = client("127.0.0.57", WELL_BEHAVED_TIMEOUT_MS, 2)) {
            assertThatThrownBy(() -> c.readRegister(0x0)).isInstanceOfSatisfying(GvcpException.class, e -> {
                assertThat(e.statusName()).isEqualTo("MALFORMED_ACK");
                assertThat(e.getMessage()).contains("READREG_ACK length").contains("expected 4, got 8");
            });
        }
    }

    @Test
    void concurrentCallersGetTheirOwnAnswers() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.58", (h, raw) -> wellBehaved(h, 0));
             GvcpClient c = client("127.0.0.58", WELL_BEHAVED_TIMEOUT_MS, 2);
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            AtomicInteger ok = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int base = 0x1000 * (t + 1);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        int a = base + 4 * i;
                        if (c.readRegister(a) == a) {
                            ok.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(ok.get()).isEqualTo(800);
            assertThat(c.counters().acksReceived()).isEqualTo(800);
        }
    }

    @Test
    void packetResendIsSentWithoutWaiting() throws Exception {
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.59", (h, raw) -> List.of());
             GvcpClient c = client("127.0.0.59", 100, 1)) {
            c.packetResend(0, 0x1_0000_0002L, 10, 12, true);
            c.packetResend(0, 65401, 3, 3, false);
            awaitReceived(dev, 2);
            assertThat(dev.received).hasSize(2);
            PacketResendCodec p = new PacketResendCodec();
            CommandHeader h = new CommandHeader();
            byte[] ext = dev.received.get(0);
            p.wrap(h.wrap(ByteBuffer.wrap(ext), 0, ext.length));
            assertThat(h.ackRequired()).isFalse();
            assertThat(p.blockId()).isEqualTo(0x1_0000_0002L);
            assertThat(p.firstPacketId()).isEqualTo(10);
            byte[] std = dev.received.get(1);
            p.wrap(h.wrap(ByteBuffer.wrap(std), 0, std.length));
            assertThat(p.blockId()).isEqualTo(65401);
        }
    }
}
