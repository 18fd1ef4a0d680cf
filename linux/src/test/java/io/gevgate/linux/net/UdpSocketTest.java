package io.gevgate.linux.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(20)
class UdpSocketTest {
    @Test
    void sendmmsgBatchArrivesThroughRecvmmsgIntact() throws Exception {
        try (UdpSocket rx = UdpSocket.open(); UdpSocket tx = UdpSocket.open();
             DatagramRing out = new DatagramRing(16, 2048); DatagramRing in = new DatagramRing(32, 2048)) {
            rx.bind("127.0.0.90", 0);
            tx.bind("127.0.0.90", 0);
            int port = rx.localPort();
            assertThat(port).isPositive();
            out.setDestination("127.0.0.90", port);
            for (int i = 0; i < 16; i++) {
                int len = 100 + i * 37;
                for (int b = 0; b < len; b++) {
                    out.data().set(ValueLayout.JAVA_BYTE, out.slotOffset(i) + b, (byte) (i * 31 + b));
                }
                out.setSendLength(i, len);
            }
            assertThat(tx.send(out, 16)).isEqualTo(16);
            rx.setReceiveTimeoutNanos(2_000_000_000L);
            int got = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got < 16 && System.nanoTime() < deadline) {
                int n = rx.receive(in, 32);
                for (int k = 0; k < n; k++) {
                    int i = got + k;
                    assertThat(in.length(k)).isEqualTo(100 + i * 37);
                    for (int b = 0; b < in.length(k); b++) {
                        assertThat(in.data().get(ValueLayout.JAVA_BYTE, in.slotOffset(k) + b)).isEqualTo((byte) (i * 31 + b));
                    }
                }
                got += n;
            }
            assertThat(got).isEqualTo(16);
        }
    }

    @Test
    void splitSlotScattersTheDatagramAndSplitTargetMakesItWholeAgain() throws Exception {
        try (UdpSocket rx = UdpSocket.open(); UdpSocket tx = UdpSocket.open();
             DatagramRing out = new DatagramRing(3, 512); DatagramRing in = new DatagramRing(4, 512);
             java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            rx.bind("127.0.0.93", 0);
            tx.bind("127.0.0.93", 0);
            out.setDestination("127.0.0.93", rx.localPort());
            int[] lengths = {100, 30, 5};
            for (int i = 0; i < 3; i++) {
                for (int b = 0; b < lengths[i]; b++) {
                    out.data().set(ValueLayout.JAVA_BYTE, out.slotOffset(i) + b, (byte) (i * 50 + b + 1));
                }
                out.setSendLength(i, lengths[i]);
            }
            java.lang.foreign.MemorySegment target = arena.allocate(1024);
            // slot 0: 8 bytes in the slot, 50 at target+100, the rest back in the slot at 58
            in.splitSlot(0, 8, target.address() + 100, 50);
            // slot 1: a datagram shorter than head + target length
            in.splitSlot(1, 8, target.address() + 300, 50);
            // slot 2: not split
            assertThat(in.isSplit(0)).isTrue();
            assertThat(in.isSplit(2)).isFalse();
            assertThat(tx.send(out, 3)).isEqualTo(3);
            rx.setReceiveTimeoutNanos(2_000_000_000L);
            int got = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got == 0 && System.nanoTime() < deadline) {
                got = rx.receive(in, 3);
            }
            assertThat(got).as("all three queued before the receive").isEqualTo(3);
            assertThat(in.length(0)).isEqualTo(100);
            for (int b = 0; b < 8; b++) {
                assertThat(in.data().get(ValueLayout.JAVA_BYTE, in.slotOffset(0) + b)).isEqualTo((byte) (b + 1));
            }
            for (int b = 8; b < 58; b++) {
                assertThat(target.get(ValueLayout.JAVA_BYTE, 100 + b - 8)).isEqualTo((byte) (b + 1));
            }
            for (int b = 58; b < 100; b++) {
                assertThat(in.data().get(ValueLayout.JAVA_BYTE, in.slotOffset(0) + b)).isEqualTo((byte) (b + 1));
            }
            in.splitTarget(0, target);
            in.splitTarget(1, target);
            for (int i = 0; i < 3; i++) {
                assertThat(in.length(i)).isEqualTo(lengths[i]);
                for (int b = 0; b < lengths[i]; b++) {
                    assertThat(in.data().get(ValueLayout.JAVA_BYTE, in.slotOffset(i) + b)).as("slot %d byte %d", i, b)
                            .isEqualTo((byte) (i * 50 + b + 1));
                }
            }
            in.joinSlot(0);
            in.joinSlot(1);
            assertThat(in.isSplit(0)).isFalse();
            assertThatThrownBy(() -> in.splitSlot(0, 8, target.address(), 600)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void udpSegmentationCutsOneMessageIntoDatagrams() throws Exception {
        try (UdpSocket rx = UdpSocket.open(); UdpSocket tx = UdpSocket.open();
             DatagramRing out = new DatagramRing(1, 1024); DatagramRing in = new DatagramRing(8, 512)) {
            rx.bind("127.0.0.93", 0);
            tx.bind("127.0.0.93", 0);
            org.junit.jupiter.api.Assumptions.assumeTrue(tx.enableUdpSegmentation(100), "kernel without UDP_SEGMENT");
            out.setDestination("127.0.0.93", rx.localPort());
            for (int b = 0; b < 250; b++) {
                out.data().set(ValueLayout.JAVA_BYTE, b, (byte) b);
            }
            out.setSendLength(0, 250);
            assertThat(tx.send(out, 1)).isEqualTo(1);
            rx.setReceiveTimeoutNanos(2_000_000_000L);
            int got = 0;
            int[] expect = {100, 100, 50};
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got < 3 && System.nanoTime() < deadline) {
                int n = rx.receive(in, 8);
                for (int k = 0; k < n; k++) {
                    int i = got + k;
                    assertThat(in.length(k)).isEqualTo(expect[i]);
                    assertThat(in.data().get(ValueLayout.JAVA_BYTE, in.slotOffset(k))).isEqualTo((byte) (i * 100));
                }
                got += n;
            }
            assertThat(got).isEqualTo(3);
        }
    }

    @Test
    void receiveTimesOutWithZeroInsteadOfThrowing() throws Exception {
        try (UdpSocket rx = UdpSocket.open(); DatagramRing in = new DatagramRing(4, 256)) {
            rx.bind("127.0.0.90", 0);
            rx.setReceiveTimeoutNanos(20_000_000L);
            long t0 = System.nanoTime();
            assertThat(rx.receive(in, 4)).isZero();
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(10_000_000L);
            assertThat(rx.receiveNow(in, 4)).isZero();
        }
    }

    @Test
    void receiveBufferIsGrantedOrReportedCapped() throws Exception {
        try (UdpSocket rx = UdpSocket.open()) {
            int granted = rx.setReceiveBufferSize(8 << 20);
            // SO_RCVBUFFORCE (root/CAP_NET_ADMIN) grants it all; otherwise rmem_max caps it
            assertThat(granted).isPositive().isEqualTo(rx.receiveBufferSize());
            assertThat(granted).isLessThanOrEqualTo(8 << 20);
        }
    }

    @Test
    void bindFailureIsTypedWithErrno() throws Exception {
        try (UdpSocket a = UdpSocket.open(); UdpSocket b = UdpSocket.open()) {
            a.bind("127.0.0.90", 0);
            int port = a.localPort();
            assertThatThrownBy(() -> b.bind("127.0.0.90", port))
                    .isInstanceOf(NativeSocketException.class)
                    .hasMessageContaining("bind")
                    .satisfies(e -> assertThat(((NativeSocketException) e).errno()).isEqualTo(98)); // EADDRINUSE
        }
    }

    @Test
    void argumentsAreValidated() {
        assertThatThrownBy(() -> new DatagramRing(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatagramRing(4, 70000)).isInstanceOf(IllegalArgumentException.class);
        try (DatagramRing r = new DatagramRing(2, 64)) {
            assertThatThrownBy(() -> r.setSendLength(0, 65)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> r.setDestination("not-an-ip.invalid", 5)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
