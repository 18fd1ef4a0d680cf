package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gevgate.linux.UnixSocket;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

/** Malformed, truncated and hostile handshakes get an ERROR reply and a close, never a crash. */
class HandshakeRobustnessTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    private CuframesPublisher publisher(int handshakeTimeoutMs) {
        return CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).handshakeTimeoutMs(handshakeTimeoutMs).build());
    }

    private static byte[] message(int type, int declaredLen, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(declaredLen).put(payload);
        return b.array();
    }

    /** Sends raw bytes, optionally half-closes, then collects everything the publisher says until EOF. */
    private List<ControlChannel.Message> exchange(byte[] raw, boolean thenClose) {
        List<ControlChannel.Message> got = new ArrayList<>();
        try (UnixSocket s = UnixSocket.connect(TestKeys.sub(key, dir).build().key().socketPath(dir));
             Arena a = Arena.ofConfined()) {
            if (raw.length > 0) {
                MemorySegment m = a.allocate(raw.length);
                MemorySegment.copy(raw, 0, m, JAVA_BYTE, 0, raw.length);
                s.sendAll(m);
            }
            if (thenClose) {
                io.gevgate.linux.Libc.shutdown(s.fd(), 1); // SHUT_WR: "truncated" from the publisher's view
            }
            ControlChannel ch = new ControlChannel(s);
            for (int i = 0; i < 4; i++) {
                try {
                    got.add(ch.receive(5000, 0));
                } catch (CuframesException e) {
                    assertThat(e.error()).isIn(CuframesError.DISCONNECTED, CuframesError.IO);
                    return got;
                }
            }
            throw new AssertionError("publisher kept the connection open after " + got.size() + " replies");
        }
    }

    private static Messages.ErrorMessage errorOf(ControlChannel.Message m) {
        assertThat(MessageType.name(m.type())).isEqualTo("ERROR");
        return Messages.ErrorMessage.decode(m.payload());
    }

    @Test
    void wrongFirstMessageTypeGetsProtocolError() {
        try (CuframesPublisher pub = publisher(5000)) {
            List<ControlChannel.Message> r = exchange(message(MessageType.SUBSCRIBE_REQ, 32, new byte[32]), false);
            assertThat(r).hasSize(1);
            Messages.ErrorMessage e = errorOf(r.get(0));
            assertThat(e.code()).isEqualTo(CuframesError.PROTOCOL.code());
            assertThat(e.text()).contains("expected HELLO_REQ").contains("SUBSCRIBE_REQ");
            assertThat(pub.subscriberBitmap()).isZero();
        }
    }

    @Test
    void oversizedPayloadLengthGetsProtocolError() {
        try (CuframesPublisher pub = publisher(5000)) {
            List<ControlChannel.Message> r = exchange(message(MessageType.HELLO_REQ, 100_000, new byte[0]), false);
            assertThat(errorOf(r.get(0)).text()).contains("payload_length").contains("100000");
        }
    }

    @Test
    void truncatedHeaderAndTruncatedPayloadGetProtocolError() {
        try (CuframesPublisher pub = publisher(5000)) {
            List<ControlChannel.Message> r = exchange(new byte[] {1, 0, 0}, true);
            assertThat(errorOf(r.get(0)).text()).contains("header truncated");
            r = exchange(message(MessageType.HELLO_REQ, 40, new byte[10]), true);
            assertThat(errorOf(r.get(0)).text()).contains("payload truncated").contains("10 of 40");
            assertThat(pub.stats().handshakeErrors()).isEqualTo(2);
        }
    }

    @Test
    void badHelloFieldsGetProtocolError() {
        try (CuframesPublisher pub = publisher(5000)) {
            byte[] longName = new byte[28];
            ByteBuffer.wrap(longName).order(ByteOrder.LITTLE_ENDIAN).putInt(4).putInt(100);
            assertThat(errorOf(exchange(message(1, 28, longName), false).get(0)).text()).contains("consumer_name_len").contains("100");
            byte[] badMode = new Messages.HelloRequest(4, "x", 0, 0).encode();
            ByteBuffer.wrap(badMode).order(ByteOrder.LITTLE_ENDIAN).putInt(13, 7);
            assertThat(errorOf(exchange(message(1, badMode.length, badMode), false).get(0)).text()).contains("mode").contains("7");
            assertThat(errorOf(exchange(message(1, 4, new byte[4]), false).get(0)).text()).contains("expected at least 8");
        }
    }

    @Test
    void wrongProtocolVersionGetsHelloRespProtocolAndClose() {
        try (CuframesPublisher pub = publisher(5000)) {
            byte[] hello = new Messages.HelloRequest(3, "old", 0, 0).encode();
            List<ControlChannel.Message> r = exchange(message(1, hello.length, hello), false);
            assertThat(r).hasSize(1);
            Messages.HelloResponse resp = Messages.HelloResponse.decode(r.get(0).payload());
            assertThat(resp.result()).isEqualTo(CuframesError.PROTOCOL.code());
            assertThat(resp.protoVersion()).isEqualTo(4);
        }
    }

    @Test
    void silentClientTimesOut() {
        try (CuframesPublisher pub = publisher(200)) {
            List<ControlChannel.Message> r = exchange(new byte[0], false);
            assertThat(errorOf(r.get(0)).code()).isEqualTo(CuframesError.TIMEOUT.code());
        }
    }

    @Test
    void randomBytesNeverCrashThePublisher() {
        long seed = 0x6576_6761_7465L;
        System.out.println("HandshakeRobustnessTest seed=" + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        // every exchange half-closes, so none waits for the handshake timeout; 2 s only bounds it
        // and leaves the real subscriber at the end room on a loaded machine
        try (CuframesPublisher pub = publisher(2000)) {
            for (int i = 0; i < 60; i++) {
                byte[] raw = new byte[rnd.nextInt(0, 96)];
                rnd.nextBytes(raw);
                if (raw.length >= 4 && rnd.nextBoolean()) {
                    raw[0] = (byte) MessageType.HELLO_REQ; // get past the type check sometimes
                    raw[1] = raw[2] = raw[3] = 0;
                }
                List<ControlChannel.Message> r = exchange(raw, true);
                for (ControlChannel.Message m : r) {
                    assertThat(m.type()).isIn(MessageType.ERROR, MessageType.HELLO_RESP, MessageType.SUBSCRIBE_RESP);
                }
            }
            assertThat(pub.subscriberBitmap()).isZero();
            try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
                pub.acquire();
                pub.publish(9);
                assertThat(sub.next(2000).ptsNs()).isEqualTo(9);
            }
        }
    }

    @Test
    void refusalSentAndClosedBeforeTheHelloIsReportedAsTheRefusal() {
        // A busy publisher writes ERROR and closes before reading: the subscriber's HELLO_REQ then
        // meets a closed socket (EPIPE) and must still report the publisher's reason, TOO_MANY.
        Path socketPath = TestKeys.sub(key, dir).build().key().socketPath(dir);
        try (UnixSocket server = UnixSocket.listen(socketPath, 4, 0600);
             ControlChannel client = new ControlChannel(UnixSocket.connect(socketPath))) {
            try (UnixSocket peer = server.accept()) {
                new ControlChannel(peer).trySendError(CuframesError.TOO_MANY, "busy: test refusal");
            }
            CuframesException e = org.junit.jupiter.api.Assertions.assertThrows(CuframesException.class,
                    () -> CuframesSubscriber.sendHello(client, TestKeys.sub(key, dir).build()));
            assertThat(e.error()).isEqualTo(CuframesError.TOO_MANY);
            assertThat(e.getMessage()).contains("busy: test refusal");
            assertThat(e.getSuppressed()).isEmpty();
        }
    }

    @Test
    void handshakesBeyondTheConcurrencyBoundAreRefused() throws Exception {
        // 30 s: the silent handshakes must still be pending when the refused one arrives, however
        // slowly a loaded machine runs this test (they end by EOF below, not by this timeout)
        try (CuframesPublisher pub = publisher(30_000)) {
            List<UnixSocket> silent = new ArrayList<>();
            try {
                for (int i = 0; i < CuframesPublisher.MAX_CONCURRENT_HANDSHAKES; i++) {
                    silent.add(UnixSocket.connect(TestKeys.sub(key, dir).build().key().socketPath(dir)));
                }
                Awaits.until(() -> pub.stats().connections() == CuframesPublisher.MAX_CONCURRENT_HANDSHAKES, 5000);
                List<ControlChannel.Message> r = exchange(new byte[0], false);
                Messages.ErrorMessage e = errorOf(r.get(0));
                assertThat(e.code()).isEqualTo(CuframesError.TOO_MANY.code());
                assertThat(pub.stats().handshakeRejectedBusy()).isEqualTo(1);
            } finally {
                silent.forEach(UnixSocket::close);
            }
            // once the silent ones are gone (their handshake threads see EOF), a real subscriber gets through
            CuframesSubscriber sub = null;
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (sub == null) {
                try {
                    sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build());
                } catch (CuframesException e) {
                    if (e.error() != CuframesError.TOO_MANY || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
            try (CuframesSubscriber s = sub) {
                assertThat(s.assignedBit()).isEqualTo(1);
            }
        }
    }

    @Test
    void thirtySecondSubscriberGetsTooMany() throws Exception {
        try (CuframesPublisher pub = publisher(5000)) {
            List<CuframesSubscriber> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 31; i++) {
                    subs.add(CuframesSubscriber.connect(TestKeys.sub(key, dir).name("s" + i).build()));
                }
                assertThat(pub.subscriberBitmap()).isEqualTo(0xFFFF_FFFEL);
                CuframesException e = org.junit.jupiter.api.Assertions.assertThrows(CuframesException.class,
                        () -> CuframesSubscriber.connect(TestKeys.sub(key, dir).build()));
                assertThat(e.error()).isEqualTo(CuframesError.TOO_MANY);
                assertThat(pub.stats().tooMany()).isEqualTo(1);
            } finally {
                subs.forEach(CuframesSubscriber::close);
            }
            Awaits.until(() -> pub.subscriberCount() == 0, 5000);
            assertThat(pub.subscriberBitmap()).isZero();
        }
    }
}
