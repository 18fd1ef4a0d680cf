package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.frames.HandoffWait;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The consumer's hand-off wait modes. Wake-ups are made observable without timing assertions: the
 * queue is built with a park far longer than the test's bounds, so a consumer that relies on an
 * unpark it never gets would still be waiting at the (generous) deadline.
 */
class FrameQueueWaitTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long BOUND_S = 30;

    private final ReceiverCounters counters = new ReceiverCounters();
    private final FramePool pool = new FramePool(4, 256, 4, 1);

    private FrameQueue queue(HandoffWait wait) {
        return new FrameQueue(2, counters, wait, HOUR);
    }

    private static CompletableFuture<Frame> consumer(FrameQueue q, long timeoutMs, AtomicReference<Thread> thread) {
        CompletableFuture<Frame> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().name("handoff-consumer").daemon(true).start(() -> {
            try {
                result.complete(q.take(timeoutMs, TimeUnit.MILLISECONDS));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.set(t);
        return result;
    }

    /** Bounded: until the consumer is parked inside take (nothing open: every mode parks). */
    private static void awaitParked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < end) {
            Thread.sleep(1);
        }
        assertThat(t.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    /** Gives a consumer that polls or spins time to enter take; the assertions do not depend on it. */
    private static void letItEnter() throws InterruptedException {
        Thread.sleep(20);
    }

    @ParameterizedTest
    @EnumSource(HandoffWait.class)
    void aPublishedFrameReachesAWaitingConsumerInEveryMode(HandoffWait mode) throws Exception {
        FrameQueue q = queue(mode);
        AtomicReference<Thread> t = new AtomicReference<>();
        CompletableFuture<Frame> taken = consumer(q, TimeUnit.SECONDS.toMillis(BOUND_S), t);
        awaitParked(t.get());
        q.receiving(1);
        Frame f = pool.acquire();
        q.receiving(0);
        q.publish(f);
        assertThat(taken.get(BOUND_S, TimeUnit.SECONDS)).isSameAs(f);
        f.release();
    }

    @ParameterizedTest
    @EnumSource(value = HandoffWait.class, names = {"ADAPTIVE", "SPIN"})
    void whileAFrameIsOnTheWireTheConsumerSeesItsHandOffWithoutAnUnpark(HandoffWait mode) throws Exception {
        FrameQueue q = queue(mode);
        q.receiving(1); // the frame started before the consumer came: no unpark will ever reach it
        AtomicReference<Thread> t = new AtomicReference<>();
        CompletableFuture<Frame> taken = consumer(q, TimeUnit.SECONDS.toMillis(2 * BOUND_S), t);
        letItEnter();
        Frame f = pool.acquire();
        q.offerWithoutWake(f);
        // BLOCK sits in its park (one hour, capped by the 60 s timeout): the get below times out
        assertThat(taken.get(BOUND_S + 5, TimeUnit.SECONDS)).isSameAs(f);
        f.release();
    }

    @ParameterizedTest
    @EnumSource(value = HandoffWait.class, names = {"ADAPTIVE", "SPIN"})
    void theFirstPacketOfAFrameWakesAConsumerParkedBetweenFrames(HandoffWait mode) throws Exception {
        FrameQueue q = queue(mode);
        AtomicReference<Thread> t = new AtomicReference<>();
        CompletableFuture<Frame> taken = consumer(q, TimeUnit.SECONDS.toMillis(2 * BOUND_S), t);
        awaitParked(t.get());
        Frame f = pool.acquire();
        q.offerWithoutWake(f); // stands for a hand-off whose unpark got lost
        q.receiving(1);        // the next frame starts: this alone must wake the consumer
        assertThat(taken.get(BOUND_S + 5, TimeUnit.SECONDS)).isSameAs(f);
        f.release();
    }

    @ParameterizedTest
    @EnumSource(HandoffWait.class)
    void aWaitWithNothingHandedOverEndsAtTheTimeoutEvenWhileReceiving(HandoffWait mode) throws Exception {
        FrameQueue q = new FrameQueue(2, counters, mode); // production park bound
        q.receiving(1);
        long t0 = System.nanoTime();
        assertThat(q.take(30, TimeUnit.MILLISECONDS)).isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
    }

    @ParameterizedTest
    @EnumSource(HandoffWait.class)
    void anInterruptEndsTheWaitInEveryMode(HandoffWait mode) throws Exception {
        FrameQueue q = queue(mode);
        q.receiving(1);
        AtomicReference<Thread> t = new AtomicReference<>();
        CompletableFuture<Frame> taken = consumer(q, TimeUnit.SECONDS.toMillis(BOUND_S), t);
        letItEnter();
        t.get().interrupt();
        assertThatThrownBy(() -> taken.get(BOUND_S + 5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void theReassemblerReportsFramesOnTheWire() {
        GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(Packets.PACKET_SIZE).frameBufferBytes(4096)
                .frameBufferCount(2).handoffCapacity(2);
        FramePool p = new FramePool(2, 4096, GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
        FrameQueue q = new FrameQueue(2, counters, HandoffWait.ADAPTIVE);
        GvspReassembler r = new GvspReassembler(cfg, p, q, counters);
        long now = 5_000_000_000L;
        var leader = Packets.packet(3, 0);
        r.onPacket(leader, 0, (int) leader.byteSize(), now);
        assertThat(q.receiving()).isEqualTo(1);
        for (int pid = 1; pid < Packets.COUNT; pid++) {
            var pk = Packets.packet(3, pid);
            r.onPacket(pk, 0, (int) pk.byteSize(), now);
        }
        assertThat(q.receiving()).isZero();
        Frame f = q.poll();
        assertThat(f).isNotNull();
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        f.release();
    }

    @ParameterizedTest
    @EnumSource(HandoffWait.class)
    void theWhileReceivingHookRunsOnlyWhenTheConsumerIsAwakeForAFrameOnTheWire(HandoffWait mode) throws Exception {
        FrameQueue q = new FrameQueue(2, counters, mode); // production park bound
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Thread caller = Thread.currentThread();
        Runnable hook = () -> {
            assertThat(Thread.currentThread()).as("runs on the consumer's thread").isSameAs(caller);
            calls.incrementAndGet();
        };
        assertThat(q.take(30, TimeUnit.MILLISECONDS, hook)).isNull();
        assertThat(calls.get()).as("no frame on the wire").isZero();
        q.receiving(1);
        assertThat(q.take(30, TimeUnit.MILLISECONDS, hook)).isNull();
        if (mode == HandoffWait.BLOCK) {
            assertThat(calls.get()).as("BLOCK never polls").isZero();
        } else {
            assertThat(calls.get()).as("called at each re-check").isPositive();
        }
    }
}
