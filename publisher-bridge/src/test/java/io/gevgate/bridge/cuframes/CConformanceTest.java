package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C peers in src/test/c (written only from docs/cuframes-protocol.md) against the Java
 * publisher and subscriber: proves the ABI is the documented C one, not a Java-private format.
 */
class CConformanceTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @BeforeEach
    void build() throws Exception {
        CPeers.build();
    }

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    private static List<String> frames(CPeers.Peer p) {
        synchronized (p.all) {
            return p.all.stream().filter(l -> l.startsWith("FRAME ")).toList();
        }
    }

    @Test
    void javaPublisherToCSubscriberStrictOrder() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 320, 240).ringSize(4)
                .policy(Policy.STRICT_WAIT, 10_000).build()); // strict order needs strict wait on a loaded machine
             CPeers.Peer sub = new CPeers.Peer(CPeers.sub().toString(), dir.toString(), key, "60", "1", "20000");
             Arena a = Arena.ofConfined()) {
            String connected = sub.await("CONNECTED", 10_000);
            assertThat(connected).contains("bit=1 ring=4 format=0 320x240 pitch_y=320 pitch_uv=320 frame_size=115200 slot_size=118784");
            assertThat(pub.subscriberCount()).isEqualTo(1);
            MemorySegment src = a.allocate(pub.geometry().frameSize());
            for (long i = 0; i < 60; i++) {
                TestKeys.fill(src, i);
                pub.publishFrame(src, 5000 + i);
            }
            assertThat(sub.await("DONE", 20_000)).isEqualTo("DONE received=60 gaps=0 bad=0 torn=0");
            assertThat(sub.exit(10_000)).isZero();
            assertThat(frames(sub)).containsExactlyElementsOf(
                    LongStream.range(0, 60).mapToObj(i -> "FRAME " + i + " " + (5000 + i) + " ok").toList());
            assertThat(pub.stats().strictWaitEvictions()).isZero(); // the C subscriber's acks arrived
            Awaits.until(() -> pub.subscriberCount() == 0, 5000);
            assertThat(pub.subscriberBitmap()).isZero();
        }
    }

    @Test
    void javaPublisherFullHdToCSubscriberNewestOnly() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 1920, 1080).ringSize(3).build());
             CPeers.Peer sub = new CPeers.Peer(CPeers.sub().toString(), dir.toString(), key, "5", "0", "20000");
             Arena a = Arena.ofConfined()) {
            assertThat(sub.await("CONNECTED", 10_000)).contains("1920x1080 pitch_y=1920 pitch_uv=1920 frame_size=3110400");
            MemorySegment src = a.allocate(pub.geometry().frameSize());
            for (long i = 0; i < 5; i++) {
                TestKeys.fill(src, i);
                pub.publishFrame(src, i);
                sub.await("FRAME " + i + " ", 10_000);
            }
            assertThat(sub.await("DONE", 10_000)).isEqualTo("DONE received=5 gaps=0 bad=0 torn=0");
            assertThat(sub.exit(10_000)).isZero();
        }
    }

    @Test
    void cPublisherToJavaSubscriber() throws Exception {
        try (CPeers.Peer pub = new CPeers.Peer(CPeers.pub().toString(), dir.toString(), key, "320", "240", "4", "60", "1000");
             Arena a = Arena.ofConfined()) {
            pub.await("READY", 10_000);
            MemorySegment dst;
            try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER)
                    .name("java-sub").build())) {
                assertThat(sub.geometry()).isEqualTo(FrameGeometry.of(PixelFormat.NV12, 320, 240, 1));
                dst = a.allocate(sub.geometry().frameSize());
                // The C publisher starts once our bit is set, so initial_seq is UINT64_MAX and a
                // STRICT_ORDER subscriber starts at frame 0 however many frames were published
                // before this first next(); every frame then follows in order (the C publisher
                // runs STRICT_WAIT, so our acks pace it).
                Frame first = sub.next(5000);
                long start = first.seq();
                assertThat(start).isZero();
                sub.release(first);
                for (long i = start + 1; i < 60; i++) {
                    Frame f = sub.next(5000);
                    assertThat(f).as("frame %d", i).isNotNull();
                    assertThat(f.seq()).isEqualTo(i);
                    assertThat(f.ptsNs()).isEqualTo(1000 + i);
                    assertThat(f.copyTo(dst)).isTrue();
                    assertThat(TestKeys.firstMismatch(dst, i)).as("first bad byte of frame %d", i).isEqualTo(-1);
                    assertThat(sub.release(f)).isTrue();
                }
                sub.ping(new byte[] {9, 8, 7}, 2000);
                assertThat(sub.stats().gaps()).isZero();
            }
            pub.await("EXIT", 10_000);
            assertThat(pub.all).noneMatch(l -> l.startsWith("EVICTED"));
            assertThat(pub.exit(10_000)).isZero();
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
    }

    @Test
    void cPublisherShutdownIsDisconnectedForJava() throws Exception {
        try (CPeers.Peer pub = new CPeers.Peer(CPeers.pub().toString(), dir.toString(), key, "64", "48", "2", "3", "1000")) {
            pub.await("READY", 10_000);
            try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
                pub.await("PUBLISHED", 10_000);
                // The C publisher waits up to 5 s for us to leave; we stay, so it shuts down under us.
                CuframesException e = null;
                long t0 = System.nanoTime();
                while (e == null && System.nanoTime() - t0 < 15_000_000_000L) {
                    try {
                        sub.release(sub.next(200));
                    } catch (CuframesException x) {
                        e = x;
                    }
                }
                assertThat(e).isNotNull();
                assertThat(e.error()).isEqualTo(CuframesError.DISCONNECTED);
            }
            assertThat(pub.exit(10_000)).isZero();
        }
    }
}
