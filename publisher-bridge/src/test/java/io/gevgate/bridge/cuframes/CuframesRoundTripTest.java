package io.gevgate.bridge.cuframes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gevgate.bridge.memory.SlotMemoryKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CuframesRoundTripTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();

    @AfterEach
    void cleanup() {
        TestKeys.cleanup(key);
    }

    @Test
    void strictOrderSubscriberSeesEveryFrameByteForByte() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 64, 48).ringSize(4).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER).name("rt").build());
             Arena a = Arena.ofConfined()) {
            assertThat(sub.assignedBit()).isEqualTo(1);
            assertThat(sub.memoryKind()).isEqualTo(SlotMemoryKind.MEMFD);
            assertThat(sub.geometry()).isEqualTo(FrameGeometry.of(PixelFormat.NV12, 64, 48, 1));
            assertThat(pub.subscriberBitmap()).isEqualTo(1L << 1);
            MemorySegment src = a.allocate(pub.geometry().frameSize());
            MemorySegment dst = a.allocate(pub.geometry().frameSize());
            for (long i = 0; i < 20; i++) {
                TestKeys.fill(src, i);
                long seq = pub.publishFrame(src, 1000 + i);
                assertThat(seq).isEqualTo(i);
                Frame f = sub.next(2000);
                assertThat(f).isNotNull();
                assertThat(f.seq()).isEqualTo(i);
                assertThat(f.ptsNs()).isEqualTo(1000 + i);
                assertThat(f.copyTo(dst)).isTrue();
                assertThat(TestKeys.firstMismatch(dst, i)).isEqualTo(-1);
                assertThat(sub.release(f)).isTrue();
            }
            assertThat(sub.next(0)).isNull();
            assertThat(sub.stats().frames()).isEqualTo(20);
            assertThat(sub.stats().gaps()).isZero();
            assertThat(sub.stats().timeouts()).isEqualTo(1);
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
        assertThat(Files.exists(dir.resolve(key + ".sock"))).isFalse();
    }

    @Test
    void publishWrittenPublishesLikePublishAndNeedsAnAcquiredSlot() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 32, 16).ringSize(4).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER).build())) {
            assertThatThrownBy(() -> pub.publishWritten(1)).hasMessageContaining("publish without acquire");
            for (int i = 0; i < 6; i++) {
                pub.acquire().host().fill((byte) (10 + i));
                // alternate: the two publish calls must leave the ring in the same state
                long seq = i % 2 == 0 ? pub.publishWritten(500 + i) : pub.publish(500 + i);
                assertThat(seq).isEqualTo(i);
                Frame f = sub.next(2000);
                assertThat(f).isNotNull();
                assertThat(f.seq()).isEqualTo(i);
                assertThat(f.ptsNs()).isEqualTo(500 + i);
                assertThat(f.host().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 7)).isEqualTo((byte) (10 + i));
                assertThat(sub.release(f)).isTrue();
            }
            assertThatThrownBy(() -> pub.publishWritten(9)).hasMessageContaining("publish without acquire");
        }
    }

    @Test
    void newestOnlyCountsSkippedFramesAsGapsAndStrictOrderCatchesUp() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 32, 32).ringSize(8).build());
             CuframesSubscriber newest = CuframesSubscriber.connect(TestKeys.sub(key, dir).build());
             CuframesSubscriber strict = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER).build())) {
            assertThat(newest.assignedBit()).isNotEqualTo(strict.assignedBit());
            pub.acquire().host().fill((byte) 0);
            pub.publish(0);
            List<Long> seen = new ArrayList<>();
            Frame s0 = strict.next(1000); // STRICT_ORDER starts after initial_seq: frame 0 here
            seen.add(s0.seq());
            strict.release(s0);
            for (int i = 1; i < 5; i++) {
                pub.acquire().host().fill((byte) i);
                pub.publish(i);
            }
            Frame f = newest.next(1000);
            assertThat(f.seq()).isEqualTo(4);
            assertThat(f.host().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 100)).isEqualTo((byte) 4);
            newest.release(f);
            for (int i = 1; i < 5; i++) {
                Frame s = strict.next(1000);
                seen.add(s.seq());
                strict.release(s);
            }
            assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L);
            pub.acquire();
            pub.publish(5);
            pub.acquire();
            pub.publish(6);
            pub.acquire();
            pub.publish(7);
            f = newest.next(1000);
            assertThat(f.seq()).isEqualTo(7);
            newest.release(f);
            assertThat(newest.stats().gaps()).isEqualTo(2);
        }
    }

    @Test
    void strictOrderStartsAtTheFirstFramePublishedAfterSubscribingNotAtTheNewest() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).ringSize(8).build())) {
            pub.acquire();
            pub.publish(0);
            pub.acquire();
            pub.publish(1); // seqs 0 and 1 predate the subscription: initial_seq = 1
            try (CuframesSubscriber early = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER).build())) {
                for (int i = 2; i <= 4; i++) { // published before the subscriber's first next()
                    pub.acquire();
                    pub.publish(i);
                }
                List<Long> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    Frame f = early.next(1000);
                    seen.add(f.seq());
                    early.release(f);
                }
                assertThat(seen).containsExactly(2L, 3L, 4L);
                assertThat(early.next(0)).isNull();
                assertThat(early.stats().gaps()).isZero();
            }
        }
    }

    @Test
    void strictOrderFallingAWholeRingBehindIsDisconnected() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).ringSize(2).build());
             CuframesSubscriber strict = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.STRICT_ORDER).build())) {
            pub.acquire();
            pub.publish(0);
            strict.release(strict.next(1000));
            for (int i = 1; i <= 4; i++) {
                pub.acquire();
                pub.publish(i);
            }
            assertThatThrownBy(() -> strict.next(100)).isInstanceOf(CuframesException.class)
                    .satisfies(e -> assertThat(((CuframesException) e).error()).isEqualTo(CuframesError.DISCONNECTED));
        }
    }

    @Test
    void heldFrameOverwrittenUnderDropOldestIsReportedTorn() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).ringSize(2).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            pub.acquire();
            pub.publish(0);
            Frame f = sub.next(1000);
            assertThat(f.intact()).isTrue();
            pub.acquire(); // slot 1
            pub.publish(1);
            pub.acquire(); // slot 0 again: invalidated before being rewritten
            assertThat(f.intact()).isFalse();
            assertThat(sub.release(f)).isFalse();
            assertThat(sub.stats().torn()).isEqualTo(1);
        }
    }

    @Test
    void publisherCloseIsSeenAsDisconnected() {
        CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
        try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            pub.close();
            assertThatThrownBy(() -> sub.next(1000)).isInstanceOf(CuframesException.class)
                    .hasMessageContaining("DISCONNECTED");
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
    }

    @Test
    void pingIsAnsweredWithPong() {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            sub.ping(new byte[] {1, 2, 3}, 2000);
            sub.ping(new byte[0], 2000);
            assertThat(pub.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    void subscriberCloseFreesItsBit() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).build())) {
            CuframesSubscriber a = CuframesSubscriber.connect(TestKeys.sub(key, dir).build());
            CuframesSubscriber b = CuframesSubscriber.connect(TestKeys.sub(key, dir).build());
            assertThat(pub.subscriberBitmap()).isEqualTo(0b110L);
            a.close();
            Awaits.until(() -> pub.subscriberCount() == 1, 5000);
            assertThat(pub.subscriberBitmap()).isEqualTo(0b100L);
            try (CuframesSubscriber c = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
                assertThat(c.assignedBit()).isEqualTo(1);
            }
            b.close();
            Awaits.until(() -> pub.subscriberCount() == 0, 5000);
            assertThat(pub.subscriberBitmap()).isZero();
        }
    }

    @Test
    void strictWaitWaitsForAcksThenEvictsTheSlowSubscriber() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 16, 16).ringSize(2)
                .policy(Policy.STRICT_WAIT, 300).build());
             CuframesSubscriber fast = CuframesSubscriber.connect(TestKeys.sub(key, dir).build());
             CuframesSubscriber slow = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            pub.acquire();
            pub.publish(0);
            Frame f = fast.next(1000);
            fast.release(f);
            Frame held = slow.next(1000); // never released
            assertThat(held.seq()).isZero();
            pub.acquire();
            pub.publish(1); // slot 1 was never published: no wait
            long t0 = System.nanoTime();
            pub.acquire(); // slot 0: fast acked, slow did not -> waits ~300 ms, then evicts
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(waitedMs).isGreaterThanOrEqualTo(250);
            assertThat(pub.stats().strictWaitEvictions()).isEqualTo(1);
            assertThat(pub.subscriberBitmap() & (1L << slow.assignedBit())).isZero();
            pub.publish(2);
            slow.release(held);
            assertThatThrownBy(() -> slow.next(2000)).hasMessageContaining("DISCONNECTED");
        }
    }

    @Test
    void keysAreValidated() {
        assertThatThrownBy(() -> CuframesKey.of("bad/key")).isInstanceOf(CuframesException.class).hasMessageContaining("INVALID_ARG");
        assertThatThrownBy(() -> CuframesKey.of("")).isInstanceOf(CuframesException.class);
        assertThatThrownBy(() -> CuframesKey.of("x".repeat(64))).hasMessageContaining("64 chars");
        assertThat(CuframesKey.of("cam-front_yard").framesShmName()).isEqualTo("/cuframes-cam-front_yard");
        assertThat(CuframesKey.of("a").packetShmName()).isEqualTo("/cuframes-a-packets");
        assertThatThrownBy(() -> TestKeys.memfd(key, dir, 16, 16).ringSize(17).build()).hasMessageContaining("2..16");
        assertThatThrownBy(() -> TestKeys.memfd(key, dir, 16, 16).ringSize(1).build()).hasMessageContaining("2..16");
    }

    @Test
    void missingPublisherIsNotFoundOrTimeout() {
        assertThatThrownBy(() -> CuframesSubscriber.connect(TestKeys.sub(key, dir).connectTimeoutMs(0).build()))
                .satisfies(e -> assertThat(((CuframesException) e).error()).isEqualTo(CuframesError.NOT_FOUND));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> CuframesSubscriber.connect(TestKeys.sub(key, dir).connectTimeoutMs(250).build()))
                .satisfies(e -> assertThat(((CuframesException) e).error()).isEqualTo(CuframesError.TIMEOUT));
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
    }
}
