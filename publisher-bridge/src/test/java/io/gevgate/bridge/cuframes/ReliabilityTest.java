package io.gevgate.bridge.cuframes;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Crashes and churn: SIGKILLed peers, SIGTERM, 1,000 connect/disconnect cycles. */
class ReliabilityTest {
    @TempDir
    Path dir;
    final String key = TestKeys.unique();
    Process child;

    @AfterEach
    void cleanup() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        TestKeys.cleanup(key);
    }

    @Test
    void sigkilledPublisherIsDisconnectedWithinOneSecondAndItsSegmentIsRecovered() throws Exception {
        child = CuframesChild.start("publish", key, dir.toString());
        CuframesChild.awaitLine(child, "READY", 30_000);
        try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).mode(SubscriberMode.NEWEST_ONLY).build());
             Arena a = Arena.ofConfined()) {
            MemorySegment dst = a.allocate(sub.geometry().frameSize());
            int verified = 0;
            for (int i = 0; i < 5; i++) {
                Frame f = sub.next(5000);
                assertThat(f).isNotNull();
                if (f.copyTo(dst)) {
                    assertThat(TestKeys.firstMismatch(dst, f.seq())).isEqualTo(-1);
                    verified++;
                }
                sub.release(f);
            }
            assertThat(verified).isPositive();
            long t0 = System.nanoTime();
            child.destroyForcibly(); // SIGKILL
            CuframesException e = null;
            while (e == null && System.nanoTime() - t0 < 10_000_000_000L) {
                try {
                    sub.release(sub.next(100));
                } catch (CuframesException x) {
                    e = x;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(e).isNotNull();
            assertThat(e.error()).isEqualTo(CuframesError.DISCONNECTED);
            System.out.println("DISCONNECTED " + ms + " ms after SIGKILL");
            assertThat(ms).isLessThan(1000);
        }
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).isTrue(); // left behind by the dead publisher
        try (CuframesPublisher next = CuframesPublisher.create(TestKeys.memfd(key, dir, 64, 48).build());
             CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            next.acquire();
            next.publish(1);
            assertThat(sub.next(2000).ptsNs()).isEqualTo(1);
        }
        assertThat(TestKeys.shmGone(key)).isTrue();
    }

    @Test
    void sigtermRunsTheShutdownHook() throws Exception {
        child = CuframesChild.start("publish", key, dir.toString());
        CuframesChild.awaitLine(child, "READY", 30_000);
        try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
            sub.release(sub.next(5000));
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(Path.of("/dev/shm/cuframes-" + key))).isFalse();
            assertThat(Files.exists(dir.resolve(key + ".sock"))).isFalse();
            assertThatThrownBy(() -> sub.next(1000)).hasMessageContaining("DISCONNECTED");
        }
    }

    @Test
    void sigkilledSubscriberFreesItsBitAndUnblocksStrictWait() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 64, 48).ringSize(2)
                .policy(Policy.STRICT_WAIT, 60_000).build())) {
            child = CuframesChild.start("hold", key, dir.toString());
            CuframesChild.awaitLine(child, "SUBSCRIBED", 30_000);
            pub.acquire();
            pub.publish(0);
            String line = CuframesChild.awaitLine(child, "HOLDING", 30_000);
            assertThat(line).startsWith("HOLDING 0 bit 1");
            assertThat(pub.subscriberBitmap()).isEqualTo(0b10L);
            pub.acquire();
            pub.publish(1);
            CompletableFuture<Long> blocked = CompletableFuture.supplyAsync(() -> {
                pub.acquire(); // slot 0 is held by the child: STRICT_WAIT waits for its ack
                return pub.publish(2);
            });
            Thread.sleep(300);
            assertThat(blocked).isNotDone();
            child.destroyForcibly();
            assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(pub.stats().strictWaitEvictions()).isZero(); // freed by the monitor, not by the timeout
            Awaits.until(() -> pub.subscriberCount() == 0, 5000);
            assertThat(pub.subscriberBitmap()).isZero();
            try (CuframesSubscriber sub = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
                assertThat(sub.assignedBit()).isEqualTo(1);
                pub.acquire();
                pub.publish(3);
                assertThat(sub.next(2000).ptsNs()).isEqualTo(3);
            }
        }
    }

    private static long count(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p)) {
            return s.count();
        }
    }

    private static long mappings() throws IOException {
        try (Stream<String> s = Files.lines(Path.of("/proc/self/maps"))) {
            return s.count();
        }
    }

    @Test
    void thousandConnectDisconnectCyclesLeakNothing() throws Exception {
        try (CuframesPublisher pub = CuframesPublisher.create(TestKeys.memfd(key, dir, 64, 48).build())) {
            pub.acquire();
            pub.publish(0);
            // warm-up so lazily created JDK resources are not counted as leaks
            for (int i = 0; i < 20; i++) {
                CuframesSubscriber.connect(TestKeys.sub(key, dir).build()).close();
            }
            Awaits.until(() -> pub.subscriberCount() == 0, 5000);
            long fds = count(Path.of("/proc/self/fd"));
            long maps = mappings();
            long shm = TestKeys.shmObjectsOfThisJvm();
            for (int i = 0; i < 1000; i++) {
                try (CuframesSubscriber s = CuframesSubscriber.connect(TestKeys.sub(key, dir).build())) {
                    if (i % 100 == 0) {
                        pub.acquire();
                        pub.publish(i);
                        Frame f = s.next(1000);
                        assertThat(f).isNotNull();
                        assertThat(s.release(f)).isTrue();
                    }
                }
            }
            Awaits.until(() -> pub.subscriberCount() == 0, 10_000);
            assertThat(pub.subscriberBitmap()).isZero();
            assertThat(pub.stats().subscribed()).isEqualTo(1020);
            assertThat(pub.stats().handshakeErrors()).isZero();
            Awaits.until(() -> {
                try {
                    return count(Path.of("/proc/self/fd")) <= fds;
                } catch (IOException e) {
                    return false;
                }
            }, 5000);
            // Each cycle maps 5 regions (header + 4 slots): a per-cycle leak would add >= 1000
            // mappings; the JVM itself may add a few (heap growth, thread stacks).
            assertThat(mappings()).isLessThanOrEqualTo(maps + 100);
            assertThat(TestKeys.shmObjectsOfThisJvm()).isEqualTo(shm);
        }
    }
}
