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
