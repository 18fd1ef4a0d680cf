package io.gevgate.acquisition.roce;

import io.gevgate.acquisition.roce.codec.FrameMetadata;
import io.gevgate.acquisition.roce.codec.InvariantCrc;
import io.gevgate.acquisition.roce.codec.RdmaImmediate;
import io.gevgate.acquisition.roce.codec.RoceOpcode;
import io.gevgate.acquisition.roce.codec.RocePacketWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receive state machine fed directly: a hand-built frame completes; fuzzed packets (all
 * sealed with a correct ICRC so they reach the placement checks) are counted and dropped, and
 * nothing is ever written outside the page a legal write names — guard bytes around every region
 * and the pages the fuzz did not legally target stay untouched.
 */
class RoceFrameAssemblerTest {
    static final String DEV = "127.0.0.130";
    static final String HOST = "127.0.0.131";
    static final int SPORT = 40000;
    static final int QP = 0x42;
    static final int MTU = 512;
    static final long GUARD = 4096;
    static final byte CANARY = (byte) 0xA5;

    RdmaProfile profile;
    MemorySegment backing0;
    MemorySegment backing1;
    RegisteredPages pages;
    RoceCounters counters;
    RoceFrameAssembler asm;
    RocePacketWriter writer;
    MemorySegment pkt;
    ByteBuffer view;
    int psn;

    @BeforeEach
    void setUp() {
        profile = new RdmaProfile(QP, MTU, 3, List.of(new RdmaFlowTarget(0x10, 0x1000, 2048),
                new RdmaFlowTarget(0x20, 0x8000_0000L, 4096)), DEV, SPORT, HOST, 4791);
        Arena arena = Arena.ofAuto();
        backing0 = arena.allocate(profile.regionSize(0) + 2 * GUARD, 64);
        backing1 = arena.allocate(profile.regionSize(1) + 2 * GUARD, 64);
        backing0.fill(CANARY);
        backing1.fill(CANARY);
        pages = new RegisteredPages(profile, new MemorySegment[]{backing0.asSlice(GUARD, profile.regionSize(0)),
                backing1.asSlice(GUARD, profile.regionSize(1))});
        counters = new RoceCounters();
        asm = new RoceFrameAssembler(profile, pages, counters, true, true, 1_000_000_000L);
        writer = new RocePacketWriter(new InvariantCrc(InvariantCrc.ipv4(DEV), InvariantCrc.ipv4(HOST), SPORT, 4791));
        pkt = arena.allocate(8192, 8);
        view = pkt.asByteBuffer();
    }

    void send(int opcode, int psnValue, long va, int rkey, long dma, int imm, byte[] payload) {
        MemorySegment.copy(MemorySegment.ofArray(payload), 0, pkt, RocePacketWriter.payloadOffset(opcode), payload.length);
        int len = writer.finish(view, 0, opcode, QP, psnValue, va, rkey, dma, imm, payload.length);
        asm.onDatagram(pkt, view, 0, len, System.nanoTime());
    }

    /** A legal frame on {@code page}: flow 0 (one ONLY), flow 1 (FIRST, MIDDLE..., LAST), completion. */
    long sendFrame(int page, long frameNumber, byte fill) {
        CRC32 crc = new CRC32();
        int first = psn;
        long bytes = 0;
        int packets = 0;
        byte[] d0 = filled(300, fill);
        send(RoceOpcode.UC_RDMA_WRITE_ONLY, psn++, 0x1000 + page * 2048L, 0x10, d0.length, 0, d0);
        crc.update(d0);
        bytes += d0.length;
        packets++;
        long va = 0x8000_0000L + page * 4096L;
        int total = 3 * MTU + 100;
        for (int off = 0; off < total; off += MTU) {
            int n = Math.min(MTU, total - off);
            byte[] d = filled(n, (byte) (fill + off / MTU + 1));
            int op = off == 0 ? RoceOpcode.UC_RDMA_WRITE_FIRST
                    : off + n == total ? RoceOpcode.UC_RDMA_WRITE_LAST : RoceOpcode.UC_RDMA_WRITE_MIDDLE;
            send(op, psn++, off == 0 ? va : 0, 0x20, total, 0, d);
            crc.update(d);
            bytes += n;
            packets++;
        }
        byte[] meta = new byte[FrameMetadata.LENGTH];
        FrameMetadata.write(MemorySegment.ofArray(meta), 0, first, psn, frameNumber, bytes, (int) crc.getValue(), packets,
                5, 6, 2);
        send(RoceOpcode.UC_RDMA_WRITE_ONLY_WITH_IMMEDIATE, psn++, 0x1000 + page * 2048L + 2048 - 128, 0x10, 128,
                RdmaImmediate.encode(page, frameNumber), meta);
        return bytes;
    }

    static byte[] filled(int n, byte v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, v);
        return b;
    }

    @Test
    void aLegalFrameCompletesWithItsBytesInPlace() {
        long bytes = sendFrame(1, 77, (byte) 3);
        RoceFrame f = asm.poll();
        assertThat(f).isNotNull();
        assertThat(f.status()).isEqualTo(RoceFrameStatus.COMPLETE);
        assertThat(f.page()).isEqualTo(1);
        assertThat(f.frameNumber()).isEqualTo(77);
        assertThat(f.bytesWritten()).isEqualTo(bytes);
        assertThat(f.flow(0).get(ValueLayout.JAVA_BYTE, 299)).isEqualTo((byte) 3);
        assertThat(f.flow(0).get(ValueLayout.JAVA_BYTE, 300)).isEqualTo(CANARY);
        assertThat(f.flow(1).get(ValueLayout.JAVA_BYTE, 3 * MTU + 99)).isEqualTo((byte) 7);
        assertThat(f.flow(1).get(ValueLayout.JAVA_BYTE, 3 * MTU + 100)).isEqualTo(CANARY);
        f.release();
        assertCanaries(new int[]{0, 2});
    }

    @Test
    void aHeldPageIsNeverOverwritten() {
        sendFrame(0, 1, (byte) 1);
        RoceFrame held = asm.poll();
        assertThat(held.isComplete()).isTrue();
        sendFrame(0, 2, (byte) 9); // the device comes round to page 0 while the consumer still holds it
        assertThat(counters.get(RoceCounter.PAGE_BUSY)).isPositive();
        assertThat(held.flow(0).get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 1);
        assertThat(held.flow(1).get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 2);
        RoceFrame second = asm.poll();
        assertThat(second == null || !second.isComplete()).as("the rewritten frame is not complete").isTrue();
        held.release();
        sendFrame(0, 3, (byte) 4); // released: now the page is written again
        RoceFrame third = asm.poll();
        while (third != null && !third.isComplete()) {
            third.release();
            third = asm.poll();
        }
        assertThat(third).isNotNull();
        assertThat(third.frameNumber()).isEqualTo(3);
        assertThat(third.flow(0).get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 4);
    }

    @Test
    void aReadyFrameIsReclaimedWhenTheDeviceComesRound() {
        sendFrame(2, 1, (byte) 1);
        sendFrame(2, 2, (byte) 5); // nobody polled frame 1: it is dropped for the newer one
        assertThat(counters.get(RoceCounter.FRAMES_DROPPED_SLOW_CONSUMER)).isEqualTo(1);
        RoceFrame f = asm.poll();
        assertThat(f.frameNumber()).isEqualTo(2);
        assertThat(f.isComplete()).isTrue();
        assertThat(asm.poll()).isNull();
    }

    @Test
    void psnGapsAndLostCompletionsMakeFramesIncomplete() {
        sendFrame(0, 1, (byte) 1);
        java.util.List<RoceFrameStatus> seen = statuses(); // consume it: frame 4 comes back to page 0
        psn += 2; // two packets of the next frame lost
        sendFrame(1, 2, (byte) 2);
        // the completion of frame 3 is lost: frame 4 (page 0) splits it off as COMPLETION_LOST
        int before = psn;
        sendFrameWithoutCompletion(2, (byte) 3);
        psn++; // its completion's PSN
        sendFrame(0, 4, (byte) 4);
        assertThat(before).isLessThan(psn);
        seen.addAll(statuses());
        assertThat(seen).containsExactly(RoceFrameStatus.COMPLETE, RoceFrameStatus.PACKETS_MISSING,
                RoceFrameStatus.COMPLETION_LOST, RoceFrameStatus.COMPLETE);
        assertThat(counters.get(RoceCounter.PSN_GAPS)).isEqualTo(2);
        assertThat(counters.get(RoceCounter.PACKETS_MISSING)).isEqualTo(3);
        // a packet from the past is dropped, never placed
        long placed = counters.get(RoceCounter.PAYLOAD_BYTES_PLACED);
        send(RoceOpcode.UC_RDMA_WRITE_ONLY, psn - 3, 0x1000, 0x10, 4, 0, new byte[4]);
        assertThat(counters.get(RoceCounter.LATE_PACKETS)).isEqualTo(1);
        assertThat(counters.get(RoceCounter.PAYLOAD_BYTES_PLACED)).isEqualTo(placed);
    }

    void sendFrameWithoutCompletion(int page, byte fill) {
        byte[] d0 = filled(64, fill);
        send(RoceOpcode.UC_RDMA_WRITE_ONLY, psn++, 0x1000 + page * 2048L, 0x10, d0.length, 0, d0);
    }

    java.util.List<RoceFrameStatus> statuses() {
        java.util.List<RoceFrameStatus> out = new java.util.ArrayList<>();
        RoceFrame f;
        while ((f = asm.poll()) != null) {
            out.add(f.status());
            f.release();
        }
        return out;
    }

    @Test
    void fuzzedPacketsAreCountedAndNeverWriteOutsideTheirPage() {
        long seed = 0xF022_0001L;
        System.out.println("RoceFrameAssemblerTest fuzz seed " + seed);
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int[] opcodes = {0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x24, 0x0A, 0x64, 0x81};
        int legalOnly = 0;
        for (int i = 0; i < 20_000; i++) {
            int op = opcodes[rnd.nextInt(opcodes.length)];
            int flow = rnd.nextInt(3); // 2 = an unknown rkey
            int rkey = flow == 0 ? 0x10 : flow == 1 ? 0x20 : rnd.nextInt();
            long base = flow == 1 ? 0x8000_0000L : 0x1000;
            long pageSize = flow == 1 ? 4096 : 2048;
            // addresses around and across page and region edges
            long va = base + rnd.nextLong(-2 * pageSize, 4 * pageSize);
            int len = switch (op) {
                case 0x26, 0x27 -> MTU;
                case 0x2B -> rnd.nextBoolean() ? 128 : rnd.nextInt(1, MTU + 1);
                default -> rnd.nextInt(1, MTU + 1);
            };
            long dma = op == 0x26 ? rnd.nextLong(MTU + 1, 3 * pageSize) : (rnd.nextInt(8) == 0 ? len + 4 : len);
            int p = switch (rnd.nextInt(6)) {
                case 0 -> psn - 1; // duplicate
                case 1 -> psn + rnd.nextInt(1, 5); // gap
                default -> psn;
            };
            psn = Math.max(psn, p + 1);
            byte[] payload = new byte[len];
            rnd.nextBytes(payload);
            boolean legalOnlyWrite = op == 0x2A && flow < 2 && dma == len && va >= base
                    && va + len <= base + 3 * pageSize && (va - base) / pageSize == (va - base + len - 1) / pageSize;
            if (!RoceOpcode.isSupported(op)) {
                // an unsupported opcode still gets a correct ICRC by hand: write it as ONLY, then patch
                MemorySegment.copy(MemorySegment.ofArray(payload), 0, pkt, 28, len);
                int n = writer.finish(view, 0, 0x2A, QP, p, va, rkey, len, 0, len);
                pkt.set(ValueLayout.JAVA_BYTE, 0, (byte) op);
                new InvariantCrc(InvariantCrc.ipv4(DEV), InvariantCrc.ipv4(HOST), SPORT, 4791).seal(view, 0, n);
                asm.onDatagram(pkt, view, 0, n, System.nanoTime());
                continue;
            }
            long placedBefore = counters.get(RoceCounter.PAYLOAD_BYTES_PLACED);
            if (legalOnlyWrite && flow == 0 && (va - base) % pageSize + len > pageSize - 128) {
                legalOnlyWrite = false; // would cover the metadata record
            }
            MemorySegment.copy(MemorySegment.ofArray(payload), 0, pkt, RocePacketWriter.payloadOffset(op), len);
            int n = writer.finish(view, 0, op, QP, p, va, rkey, dma, rnd.nextInt(), len);
            asm.onDatagram(pkt, view, 0, n, System.nanoTime());
            long placed = counters.get(RoceCounter.PAYLOAD_BYTES_PLACED) - placedBefore;
            if (op == 0x2A && !legalOnlyWrite) {
                assertThat(placed).as("illegal ONLY write %d at 0x%x+%d (flow %d) was placed", i, va, len, flow).isZero();
            }
            if (op == 0x2A && legalOnlyWrite && placed > 0) {
                legalOnly++;
            }
            if (rnd.nextInt(50) == 0) {
                RoceFrame f;
                while ((f = asm.poll()) != null) {
                    f.release();
                }
            }
            assertCanaries(new int[0]);
        }
        System.out.println("fuzz: " + counters + " legal ONLY writes placed " + legalOnly);
        assertThat(legalOnly).isPositive();
        for (RoceCounter c : List.of(RoceCounter.UNSUPPORTED_OPCODE, RoceCounter.UNKNOWN_RKEY, RoceCounter.OUT_OF_BOUNDS,
                RoceCounter.BAD_LENGTH, RoceCounter.LATE_PACKETS, RoceCounter.PSN_GAPS, RoceCounter.ORPHAN_CONTINUATION,
                RoceCounter.PROFILE_VIOLATION)) {
            assertThat(counters.get(c)).as(c.name()).isPositive();
        }
        assertThat(counters.get(RoceCounter.FRAMES_COMPLETE)).as("random packets never make a complete frame").isZero();
    }

    /** Guard zones before and after each region hold the canary; so do the listed untouched pages. */
    void assertCanaries(int[] untouchedPages) {
        for (MemorySegment b : new MemorySegment[]{backing0, backing1}) {
            long region = b.byteSize() - 2 * GUARD;
            assertThat(allCanary(b.asSlice(0, GUARD))).as("guard before region").isTrue();
            assertThat(allCanary(b.asSlice(GUARD + region, GUARD))).as("guard after region").isTrue();
        }
        for (int p : untouchedPages) {
            assertThat(allCanary(pages.page(0, p))).as("flow 0 page %d", p).isTrue();
            assertThat(allCanary(pages.page(1, p))).as("flow 1 page %d", p).isTrue();
        }
    }

    static boolean allCanary(MemorySegment s) {
        for (long i = 0; i < s.byteSize(); i++) {
            if (s.get(ValueLayout.JAVA_BYTE, i) != CANARY) {
                return false;
            }
        }
        return true;
    }
}
