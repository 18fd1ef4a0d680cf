package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketRingTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    /** cuframes' test payload: bytes 0-7 = seq (LE), byte i = (seq + i) & 0xFF. */
    private static void payload(MemorySegment s, long seq) {
        for (long i = 8; i < s.byteSize(); i++) {
            s.set(JAVA_BYTE, i, (byte) (seq + i));
        }
        s.set(JAVA_LONG_UNALIGNED, 0, seq);
    }

    private static boolean payloadOk(MemorySegment s, long seq) {
        if (s.get(JAVA_LONG_UNALIGNED, 0) != seq) {
            return false;
        }
        for (long i = 8; i < s.byteSize(); i++) {
            if (s.get(JAVA_BYTE, i) != (byte) (seq + i)) {
                return false;
            }
        }
        return true;
    }

    private static int sizeOf(long i) {
        return i % 30 == 0 ? 64 * 1024 : 4096 + (int) (i % 8) * 1024;
    }

    @Test
    void packetsArriveInOrderWithExtradataAndWrapAround() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             Arena a = Arena.ofConfined()) {
            PacketRingWriter w = pub.enablePackets(new PacketRingOptions(64, 256 * 1024, 128 * 1024, PacketRingOptions.CODEC_H264));
            assertThatThrownBy(() -> pub.enablePackets(PacketRingOptions.defaults(27))).hasMessageContaining("ALREADY_EXISTS");
            try (PacketRingReader r = PacketRingReader.open(CuframesKey.of(key))) {
                assertThatThrownBy(r::codecExtradata).hasMessageContaining("NO_CODEC_PARAMS");
                byte[] extra = new byte[16];
                for (int i = 0; i < 16; i++) {
                    extra[i] = (byte) (0xAA + i);
                }
                w.setCodecExtradata(MemorySegment.ofArray(extra));
                assertThat(r.codecExtradata()).isEqualTo(extra);
                assertThat(r.codecId()).isEqualTo(27);
                MemorySegment buf = a.allocate(64 * 1024);
                for (long i = 0; i < 200; i++) {
                    MemorySegment p = buf.asSlice(0, sizeOf(i));
                    payload(p, i);
                    w.publish(p, i * 33_333_333L, i * 33_333_333L, i % 30 == 0 ? PacketRingLayout.FLAG_KEY : 0);
                    PacketRingReader.Packet got = r.next(1000);
                    assertThat(got.seq()).isEqualTo(i);
                    assertThat(got.keyframe()).isEqualTo(i % 30 == 0);
                    assertThat(got.data().byteSize()).isEqualTo(sizeOf(i));
                    assertThat(payloadOk(got.data(), i)).as("packet %d", i).isTrue();
                    assertThat(got.ptsNs()).isEqualTo(i * 33_333_333L);
                }
                assertThat(r.next(0)).isNull();
                assertThat(r.overruns()).isZero();
            }
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
    }

    @Test
    void lateReaderStartsAtTheLastKeyframe() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             Arena a = Arena.ofConfined()) {
            PacketRingWriter w = pub.enablePackets(new PacketRingOptions(64, 1 << 20, 64 * 1024, 173));
            MemorySegment p = a.allocate(1000);
            for (long i = 0; i < 47; i++) {
                payload(p, i);
                w.publish(p, i, i, i % 20 == 0 ? PacketRingLayout.FLAG_KEY : 0);
            }
            try (PacketRingReader r = PacketRingReader.open(CuframesKey.of(key))) {
                PacketRingReader.Packet first = r.next(100);
                assertThat(first.seq()).isEqualTo(40);
                assertThat(first.keyframe()).isTrue();
            }
        }
    }

    @Test
    void slowReaderGetsOverrunOnceAndResyncsOnAKeyframe() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             Arena a = Arena.ofConfined()) {
            PacketRingWriter w = pub.enablePackets(new PacketRingOptions(16, 64 * 1024, 8 * 1024, 27));
            MemorySegment p = a.allocate(4000);
            try (PacketRingReader r = PacketRingReader.open(CuframesKey.of(key))) {
                payload(p, 0);
                w.publish(p, 0, 0, PacketRingLayout.FLAG_KEY);
                assertThat(r.next(100).seq()).isZero();
                for (long i = 1; i < 100; i++) {
                    payload(p, i);
                    w.publish(p, i, i, i % 10 == 0 ? PacketRingLayout.FLAG_KEY : 0);
                }
                assertThatThrownBy(() -> r.next(100)).isInstanceOf(CuframesException.class)
                        .satisfies(e -> assertThat(((CuframesException) e).error()).isEqualTo(CuframesError.PACKET_OVERRUN));
                PacketRingReader.Packet k = r.next(100);
                assertThat(k.seq()).isEqualTo(90);
                assertThat(k.keyframe()).isTrue();
                assertThat(payloadOk(k.data(), 90)).isTrue();
                assertThat(r.overruns()).isEqualTo(1);
            }
        }
    }

    @Test
    void dataOverwrittenBeforeSlotsWrapIsDetected() {
        // 1024 slots but only 16 KiB of data: the bytes are reused long before the slot is.
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             Arena a = Arena.ofConfined()) {
            PacketRingWriter w = pub.enablePackets(new PacketRingOptions(1024, 16 * 1024, 4096, 27));
            MemorySegment p = a.allocate(4096);
            try (PacketRingReader r = PacketRingReader.open(CuframesKey.of(key))) {
                payload(p, 0);
                w.publish(p, 0, 0, PacketRingLayout.FLAG_KEY);
                assertThat(r.next(100).seq()).isZero();
                for (long i = 1; i < 10; i++) {
                    payload(p, i);
                    w.publish(p, i, i, 0);
                }
                assertThatThrownBy(() -> r.next(100)).hasMessageContaining("PACKET_OVERRUN");
            }
        }
    }

    @Test
    void writerRejectsBadPackets() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             Arena a = Arena.ofConfined()) {
            PacketRingWriter w = pub.enablePackets(new PacketRingOptions(8, 8192, 4096, 27));
            assertThatThrownBy(() -> w.publish(a.allocate(4097), 0, 0, 0)).hasMessageContaining("PACKET_OVERSIZED");
            assertThatThrownBy(() -> w.publish(a.allocate(0), 0, 0, 0)).hasMessageContaining("INVALID_ARG");
            assertThatThrownBy(() -> w.publish(a.allocate(8), 0, 0, 0x10)).hasMessageContaining("reserved");
            assertThatThrownBy(() -> w.setCodecExtradata(a.allocate(4097))).hasMessageContaining("4096");
            assertThat(w.rejected()).isEqualTo(3);
            assertThatThrownBy(() -> new PacketRingOptions(2000, 0, 0, 0)).hasMessageContaining("1..1024");
            assertThatThrownBy(() -> new PacketRingOptions(8, 100, 200, 0)).hasMessageContaining("max packet size");
        }
    }

    @Test
    void readerSeesShutdownAndMissingRing() {
        assertThatThrownBy(() -> PacketRingReader.open(CuframesKey.of(key))).hasMessageContaining("NOT_FOUND");
        CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
        pub.enablePackets(PacketRingOptions.defaults(27));
        try (PacketRingReader r = PacketRingReader.open(CuframesKey.of(key))) {
            pub.close();
            assertThatThrownBy(() -> r.next(100)).hasMessageContaining("DISCONNECTED");
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
    }
}
