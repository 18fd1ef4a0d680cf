package io.gevgate.simulator.roce;

import io.gevgate.acquisition.roce.RdmaProfile;
import io.gevgate.acquisition.roce.RoceCounter;
import io.gevgate.acquisition.roce.RoceFrame;
import io.gevgate.acquisition.roce.SoftRoceConfig;
import io.gevgate.acquisition.roce.SoftRoceReceiver;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.simulator.stream.LossInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulator emitter → loopback UDP 4791 → soft-RoCE receiver: every frame arrives bit-exact with
 * its GenDC container; with loss injected, frames that lost packets are reported incomplete and
 * never delivered as complete, while untouched frames still arrive whole.
 */
@Timeout(120)
class SoftRoceEndToEndTest {
    private static final String DEVICE = "127.0.0.110";

    @ParameterizedTest
    @EnumSource(RocePacketMode.class)
    void framesArriveBitExact(RocePacketMode mode) throws Exception {
        String host = mode == RocePacketMode.WRITE_ONLY_PER_PACKET ? "127.0.0.111" : "127.0.0.112";
        ContainerSpec spec = RoceRig.container(128, 64);
        RdmaProfile draft = RoceRig.profile(spec, 1024, 4, DEVICE, 1, host);
        try (RoceEmitter emitter = new RoceEmitter(RoceEmitterConfig.of(draft, spec, DEVICE).withMode(mode)
                .withFirstPsn(0xFFFFF0)); // PSN wraps during the run
             SoftRoceReceiver rx = SoftRoceReceiver.start(RoceRig.lossFree(SoftRoceConfig.of(
                     draft.withEndpoints(DEVICE, emitter.sourcePort(), host, RdmaProfile.ROCE_V2_PORT))))) {
            int frames = 12;
            for (int i = 0; i < frames; i++) {
                emitter.emit(1);
                RoceFrame f = rx.take(10, TimeUnit.SECONDS);
                assertThat(f).as("frame %d arrived; %s", i, rx.counters()).isNotNull();
                try {
                    assertThat(f.frameNumber()).isEqualTo(i);
                    assertThat(f.page()).isEqualTo(i % 4);
                    assertThat(f.bytesWritten()).isEqualTo(spec.flowSize(0) + spec.flowSize(1) + spec.flowSize(2));
                    RoceRig.verifyBitExact(f, spec);
                } finally {
                    f.release();
                }
            }
            assertThat(rx.counters().get(RoceCounter.FRAMES_COMPLETE)).isEqualTo(frames);
            assertThat(rx.counters().get(RoceCounter.FRAMES_INCOMPLETE)).isZero();
            assertThat(rx.counters().get(RoceCounter.BAD_ICRC)).isZero();
            assertThat(rx.counters().get(RoceCounter.PSN_GAPS)).isZero();
            assertThat(rx.counters().get(RoceCounter.PACKETS_RECEIVED)).isEqualTo(emitter.counters().packetsSent());
        }
    }

    @Test
    void lostPacketsNeverYieldACompleteFrame() throws Exception {
        String host = "127.0.0.113";
        ContainerSpec spec = RoceRig.container(96, 48);
        RdmaProfile draft = RoceRig.profile(spec, 1024, 4, DEVICE, 1, host);
        long seed = 0x10C0FFEEL;
        System.out.println("loss seed " + seed);
        LossInjection loss = new LossInjection(0.004, 0, 0, 0.002, 0.002, true, seed);
        try (RoceEmitter emitter = new RoceEmitter(RoceEmitterConfig.of(draft, spec, "127.0.0.114").withLoss(loss));
             SoftRoceReceiver rx = SoftRoceReceiver.start(SoftRoceConfig.of(
                     draft.withEndpoints("127.0.0.114", emitter.sourcePort(), host, RdmaProfile.ROCE_V2_PORT)))) {
            int frames = 120;
            Set<Long> clean = new HashSet<>();
            Set<Long> damaged = new HashSet<>();
            List<RoceFrame> got = new ArrayList<>();
            long complete = 0;
            long incomplete = 0;
            for (int i = 0; i < frames; i++) {
                long dropped = emitter.counters().packetsDropped();
                long reordered = emitter.counters().packetsReordered();
                emitter.emit(1);
                if (emitter.counters().packetsDropped() == dropped && emitter.counters().packetsReordered() == reordered) {
                    clean.add((long) i);
                } else if (emitter.counters().packetsDropped() != dropped) {
                    damaged.add((long) i);
                }
                // wait for this frame (a frame whose completion was lost only shows up later)
                RoceFrame f = rx.take(clean.contains((long) i) ? 10_000 : 150, TimeUnit.MILLISECONDS);
                while (f != null) {
                    if (f.isComplete()) {
                        complete++;
                        assertThat(damaged).as("frame %d lost packets but came out complete", f.frameNumber())
                                .doesNotContain(f.frameNumber());
                        RoceRig.verifyBitExact(f, spec);
                        clean.remove(f.frameNumber());
                    } else {
                        incomplete++;
                        assertThat(f.status().isComplete()).isFalse();
                    }
                    f.release();
                    f = rx.poll();
                }
            }
            RoceFrame f;
            // a clean frame still missing gets a long wait (a loaded machine may run the receiver
            // late); once none is missing, a short quiet gap ends the drain
            while ((f = rx.take(clean.isEmpty() ? 500 : 10_000, TimeUnit.MILLISECONDS)) != null) {
                if (f.isComplete()) {
                    complete++;
                    assertThat(damaged).doesNotContain(f.frameNumber());
                    RoceRig.verifyBitExact(f, spec);
                    clean.remove(f.frameNumber());
                } else {
                    incomplete++;
                }
                f.release();
            }
            // the last damaged frame is closed by its timeout on the receiver thread: wait for the
            // count (bounded) rather than assume the thread ran within the drain's quiet gap
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rx.counters().get(RoceCounter.FRAMES_INCOMPLETE) < damaged.size() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            System.out.println("emitter " + emitter.counters() + "\nreceiver " + rx.counters()
                    + "\ncomplete " + complete + ", incomplete delivered " + incomplete + ", damaged " + damaged.size());
            assertThat(emitter.counters().packetsDropped()).as("the seed injects loss").isPositive();
            assertThat(damaged).isNotEmpty();
            assertThat(java.util.Arrays.stream(emitter.counters().framesWithDroppedPackets()).boxed().toList())
                    .as("the emitter's drop log names exactly the frames that lost packets").isSorted()
                    .containsExactlyInAnyOrderElementsOf(damaged);
            assertThat(clean).as("untouched frames that did not arrive complete").isEmpty();
            assertThat(incomplete).isPositive();
            assertThat(rx.counters().get(RoceCounter.FRAMES_INCOMPLETE)).isGreaterThanOrEqualTo(damaged.size());
            assertThat(rx.counters().get(RoceCounter.PSN_GAPS)).isPositive();
            assertThat(rx.counters().get(RoceCounter.LATE_PACKETS)).as("duplicates and reordered stragglers").isPositive();
            assertThat(rx.counters().get(RoceCounter.BAD_ICRC)).isZero();
        }
    }

    @Test
    void incompleteFramesAreOnlyCountedWhenNotDelivered() throws Exception {
        String host = "127.0.0.115";
        ContainerSpec spec = RoceRig.container(64, 32);
        RdmaProfile draft = RoceRig.profile(spec, 512, 2, DEVICE, 1, host);
        LossInjection loss = LossInjection.random(0.02, 77);
        try (RoceEmitter emitter = new RoceEmitter(RoceEmitterConfig.of(draft, spec, "127.0.0.116").withLoss(loss));
             SoftRoceReceiver rx = SoftRoceReceiver.start(SoftRoceConfig.of(
                     draft.withEndpoints("127.0.0.116", emitter.sourcePort(), host, RdmaProfile.ROCE_V2_PORT))
                     .withDeliverIncomplete(false))) {
            for (int i = 0; i < 40; i++) {
                emitter.emit(1);
                RoceFrame f;
                while ((f = rx.take(100, TimeUnit.MILLISECONDS)) != null) {
                    assertThat(f.isComplete()).as("only complete frames are delivered").isTrue();
                    RoceRig.verifyBitExact(f, spec);
                    f.release();
                }
            }
            // an incomplete frame is closed on the receiver thread (by a later frame, or the last one
            // by its 200 ms timeout, however late a loaded machine runs it): wait for one, bounded
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rx.counters().get(RoceCounter.FRAMES_INCOMPLETE) == 0 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            // stop the receiver thread: the two counters below are then read at rest, not while a
            // frame is being closed between the two reads
            rx.close();
            assertThat(rx.counters().get(RoceCounter.FRAMES_INCOMPLETE)).isPositive();
            assertThat(rx.counters().get(RoceCounter.FRAMES_NOT_DELIVERED))
                    .isEqualTo(rx.counters().get(RoceCounter.FRAMES_INCOMPLETE));
        }
    }
}
