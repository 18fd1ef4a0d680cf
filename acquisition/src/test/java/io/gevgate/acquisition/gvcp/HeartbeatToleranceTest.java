package io.gevgate.acquisition.gvcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.acquisition.gvcp.codec.CommandHeader;
import io.gevgate.acquisition.gvcp.codec.GvcpCodes;
import io.gevgate.acquisition.gvcp.codec.RegisterCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat against scripted devices (127.0.0.155–156): one answer later than both short tries
 * of a read (a loaded host, a descheduled thread) is not a vanished device; a device silent for a
 * whole heartbeat timeout is, and not before.
 */
class HeartbeatToleranceTest {
    /** CCP reads show control, the heartbeat timeout register says {@code timeoutMs}, no capabilities; writes are acked. */
    private static List<ScriptedDevice.Reply> controlled(CommandHeader h, int timeoutMs, long delayMs) {
        ByteBuffer out = ByteBuffer.allocate(64);
        int len;
        if (h.command() == GvcpCodes.READREG_CMD) {
            int n = RegisterCodec.readRegCommandCount(h);
            int[] v = new int[n];
            for (int i = 0; i < n; i++) {
                v[i] = switch (RegisterCodec.readRegCommandAddress(h, i)) {
                    case BootstrapRegisters.CCP -> BootstrapRegisters.CCP_CONTROL;
                    case BootstrapRegisters.HEARTBEAT_TIMEOUT -> timeoutMs;
                    default -> 0;
                };
            }
            len = RegisterCodec.encodeReadRegAck(out, 0, 0, h.requestId(), v, n);
        } else if (h.command() == GvcpCodes.WRITEREG_CMD) {
            len = RegisterCodec.encodeIndexAck(out, 0, 0, GvcpCodes.WRITEREG_ACK, h.requestId(),
                    RegisterCodec.writeRegCommandCount(h));
        } else {
            return List.of();
        }
        byte[] b = new byte[len];
        out.get(0, b);
        return List.of(new ScriptedDevice.Reply(b, delayMs));
    }

    private static boolean isCcpRead(CommandHeader h) {
        return h.command() == GvcpCodes.READREG_CMD && RegisterCodec.readRegCommandAddress(h, 0) == BootstrapRegisters.CCP;
    }

    private static GvcpClient client(String address) throws Exception {
        return GvcpClient.open(new InetSocketAddress(InetAddress.getByName(address), 3956),
                new GvcpClient.Options(Duration.ofSeconds(2), 3, null));
    }

    @Test
    void oneAnswerLaterThanBothTriesIsNotAVanishedDevice() throws Exception {
        AtomicInteger ccpReads = new AtomicInteger();
        // 2.4 s heartbeat timeout: the second heartbeat's CCP read is answered after 1.2 s, later
        // than its two tries of 400 ms (timeout / 6 each), 1.2 s inside the device's timeout
        int timeoutMs = 2400;
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.155",
                (h, raw) -> controlled(h, timeoutMs, isCcpRead(h) && ccpReads.incrementAndGet() == 2 ? 1200 : 0));
             GvcpClient c = client("127.0.0.155")) {
            BlockingQueue<ControlEvent> events = new LinkedBlockingQueue<>();
            try (ControlChannel control = new ControlChannel(c, events::add)) {
                control.take(ControlChannel.Mode.CONTROL);
                assertThat(control.heartbeatTimeout()).isEqualTo(Duration.ofMillis(timeoutMs));
                // bounded wait until the heartbeat has read CCP twice more after the slow answer
                // (#2 slow, #3 its retry, #4 the next read, then #5 and #6 on schedule)
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (ccpReads.get() < 6 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(ccpReads.get()).as("heartbeat reads of CCP").isGreaterThanOrEqualTo(6);
                assertThat(c.counters().retries()).as("the slow answer was retried").isPositive();
                assertThat(events).as("events after one slow answer").isEmpty();
                assertThat(control.isHeld()).isTrue();
            }
        }
    }

    @Test
    void deviceSilentForTheWholeTimeoutIsVanishedNotBefore() throws Exception {
        int timeoutMs = 1200; // tries of 200 ms; 1.2 s keeps a loaded machine from losing the answers before the silence
        AtomicBoolean silent = new AtomicBoolean();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicInteger ccpReads = new AtomicInteger();
        try (ScriptedDevice dev = new ScriptedDevice("127.0.0.156", (h, raw) -> {
                 if (silent.get()) {
                     return List.of();
                 }
                 if (isCcpRead(h)) {
                     ccpReads.incrementAndGet();
                 }
                 lastAnswer.set(System.nanoTime());
                 return controlled(h, timeoutMs, 0);
             });
             GvcpClient c = client("127.0.0.156")) {
            BlockingQueue<ControlEvent> events = new LinkedBlockingQueue<>();
            try (ControlChannel control = new ControlChannel(c, events::add)) {
                control.take(ControlChannel.Mode.CONTROL);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (ccpReads.get() < 2 && System.nanoTime() < end) {
                    Thread.sleep(20);
                }
                assertThat(ccpReads.get()).as("heartbeats answered before the silence").isGreaterThanOrEqualTo(2);
                silent.set(true);
                ControlEvent e = events.poll(20, TimeUnit.SECONDS);
                long silentMs = (System.nanoTime() - lastAnswer.get()) / 1_000_000;
                assertThat(e).as("event after the device went silent").isNotNull();
                assertThat(e.type()).isEqualTo(ControlEvent.Type.DEVICE_VANISHED);
                System.out.println("vanished reported " + silentMs + " ms after the last answer (timeout "
                        + timeoutMs + " ms): " + e.detail());
                // never before the device's own timeout; by design within it plus one read (2 x 200 ms),
                // with room for a loaded machine
                assertThat(silentMs).isGreaterThanOrEqualTo(timeoutMs);
                assertThat(silentMs).isLessThan(timeoutMs + 400 + 3000);
                assertThat(control.isHeld()).isFalse();
            }
        }
    }
}
