package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspLeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspPayload;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.acquisition.gvsp.codec.GvspTrailer;
import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.GenDcFormatException;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.PartDataSource;
import io.gevgate.gendc.write.PartSpec;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Frame#genDc()} over the socket-free reassembler: GenDC containers written by the gendc
 * module as flows (two parts sharing a flow, so FlowOffsets are not all 0), cut into GVSP GenDC
 * packets, delivered shuffled, placed by the flow table; read back zero-copy and bit-exact; and
 * malformed descriptors give MALFORMED_PAYLOAD with the typed reason, never a crash.
 */
class GenDcFrameTest {
    private static final long T0 = 9_000_000_000L;
    private static final int DATA_PER_PACKET = 100;
    /** SCPS for 100 data bytes per GenDC packet: IP/UDP 28 + EI header 20 + GenDC header 16. */
    private static final int PACKET_SIZE = 28 + GvspHeader.EXTENDED_SIZE + GvspPayload.GENDC_HEADER + DATA_PER_PACKET;

    private final ReceiverCounters counters = new ReceiverCounters();
    private FrameQueue queue;
    private GvspReassembler r;

    private void setUp(long[] flowSizes) {
        setUp(flowSizes, PACKET_SIZE);
    }

    private void setUp(long[] flowSizes, int packetSize) {
        GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(packetSize).frameBufferBytes(64 * 1024)
                .frameBufferCount(2).handoffCapacity(2).resendRequester((b, f, l) -> { });
        if (flowSizes != null) {
            cfg.genDcFlowSizes(flowSizes);
        }
        FramePool pool = new FramePool(2, cfg.frameBufferBytes(), GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
        queue = new FrameQueue(2, counters);
        r = new GvspReassembler(cfg, pool, queue, counters);
    }

    /** Intensity in flow 1, range and confidence sharing flow 2, chunk metadata in flow 3. */
    private static ContainerSpec multiFlowSpec() {
        byte[] chunk = new byte[24];
        MemorySegment c = MemorySegment.ofArray(chunk);
        c.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 16, 0x1001);
        c.set(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), 20, 16);
        return ContainerSpec.builder().id(42)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.image(PixelFormat.MONO8, 20, 10).withFlow(1)))
                .add(ComponentSpec.of(ComponentTypeIds.RANGE, PixelFormat.COORD3D_C16,
                        PartSpec.image(PixelFormat.COORD3D_C16, 20, 10).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, 20, 10).withFlow(2)))
                .add(ComponentSpec.of(ComponentTypeIds.METADATA, PixelFormat.DATA8, PartSpec.chunkMetadata(chunk, 7).withFlow(3)))
                .build();
    }

    /** Deterministic part bytes: (component, part, index) → byte. */
    private static final PartDataSource SOURCE = (c, p, target) -> {
        for (long i = 0; i < target.byteSize(); i++) {
            target.set(ValueLayout.JAVA_BYTE, i, (byte) (c * 31 + p * 7 + i * 13));
        }
    };

    private static MemorySegment[] flows(ContainerSpec spec) {
        MemorySegment[] flows = new MemorySegment[spec.flowCount()];
        for (int f = 0; f < flows.length; f++) {
            flows[f] = MemorySegment.ofArray(new byte[(int) spec.flowSize(f)]);
        }
        spec.writeFlows(flows, SOURCE);
        return flows;
    }

    private static long[] flowSizes(ContainerSpec spec) {
        long[] sizes = new long[spec.flowCount()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = spec.flowSize(f);
        }
        return sizes;
    }

    /**
     * The GVSP packets of one container: leader, GenDC payload packets of every flow (descriptor
     * packets marked with start/end of descriptor), trailer. Payload packets are shuffled.
     */
    private static List<MemorySegment> packets(long block, MemorySegment[] flows, long descriptorSize, long leaderDescriptorSize,
                                               boolean markDescriptor, Random shuffle) {
        return packets(block, flows, descriptorSize, leaderDescriptorSize, markDescriptor, false, shuffle);
    }

    /**
     * With {@code preliminary}, the descriptor goes twice, like a variable container's: first as
     * a preliminary descriptor (VariableFields = 1, leader flag 0x80), then again as the final one
     * (VariableFields as written) in packets after all data, to the same flow-0 offsets.
     */
    private static List<MemorySegment> packets(long block, MemorySegment[] flows, long descriptorSize, long leaderDescriptorSize,
                                               boolean markDescriptor, boolean preliminary, Random shuffle) {
        List<MemorySegment> data = new ArrayList<>();
        int pid = 1;
        int passes = flows.length + (preliminary ? 1 : 0);
        for (int pass = 0; pass < passes; pass++) {
            int f = pass == flows.length ? 0 : pass;
            boolean prelimPass = preliminary && pass == 0;
            long size = pass == flows.length ? descriptorSize : flows[f].byteSize();
            long at = 0;
            while (at < size) {
                // descriptor packets carry only descriptor bytes, so its end falls on a packet end
                long limit = f == 0 && at < descriptorSize ? descriptorSize : size;
                int n = (int) Math.min(DATA_PER_PACKET, limit - at);
                MemorySegment s = MemorySegment.ofArray(new byte[GvspHeader.EXTENDED_SIZE + GvspPayload.GENDC_HEADER + n]);
                new GvspHeader().wrap(s, 0).writeExtended(0, 0, GvspPacketFormat.PAYLOAD_GENDC, 0, block, pid++);
                int dataFlags = 0;
                if (markDescriptor && f == 0 && at < descriptorSize) {
                    dataFlags = (prelimPass ? GvspPayload.GENDC_DESCRIPTOR_PRELIMINARY : GvspPayload.GENDC_DESCRIPTOR_FINAL) << 6;
                    if (at == 0) {
                        dataFlags |= GvspPayload.GENDC_START_OF_DESCRIPTOR;
                    }
                    if (at + n == descriptorSize) {
                        dataFlags |= GvspPayload.GENDC_END_OF_DESCRIPTOR;
                    }
                }
                int flowFlags = (at == 0 ? GvspPayload.GENDC_FLOW_FIRST : 0) | (at + n == size ? GvspPayload.GENDC_FLOW_LAST : 0);
                new GvspPayload().wrap(s, GvspHeader.EXTENDED_SIZE).writeGenDc(n, at, dataFlags, flowFlags, f);
                MemorySegment.copy(flows[f], at, s, GvspHeader.EXTENDED_SIZE + GvspPayload.GENDC_HEADER, n);
                long variableFields = io.gevgate.gendc.layout.ContainerHeader.VARIABLE_FIELDS;
                if (prelimPass && at <= variableFields && variableFields < at + n) {
                    s.set(ValueLayout.JAVA_BYTE, GvspHeader.EXTENDED_SIZE + GvspPayload.GENDC_HEADER + variableFields - at, (byte) 1);
                }
                data.add(s);
                at += n;
            }
        }
        Collections.shuffle(data, shuffle);
        long total = 0;
        for (MemorySegment f : flows) {
            total += f.byteSize();
        }
        List<MemorySegment> out = new ArrayList<>();
        MemorySegment leader = MemorySegment.ofArray(new byte[GvspHeader.EXTENDED_SIZE + GvspLeader.GENDC_SIZE]);
        new GvspHeader().wrap(leader, 0).writeExtended(0, 0, GvspPacketFormat.LEADER, 0, block, 0);
        new GvspLeader().wrap(leader, GvspHeader.EXTENDED_SIZE).writeGenDc(1234, total,
                preliminary ? GvspLeader.GENDC_FLAG_PRELIMINARY : 0, leaderDescriptorSize);
        out.add(leader);
        out.addAll(data);
        MemorySegment trailer = MemorySegment.ofArray(new byte[GvspHeader.EXTENDED_SIZE + 8]);
        new GvspHeader().wrap(trailer, 0).writeExtended(0, 0, GvspPacketFormat.TRAILER, 0, block, pid);
        int n = new GvspTrailer().wrap(trailer, GvspHeader.EXTENDED_SIZE, 0).write(GvspPayloadType.GENDC, 0);
        out.add(trailer.asSlice(0, GvspHeader.EXTENDED_SIZE + n));
        return out;
    }

    private Frame deliver(List<MemorySegment> packets) {
        for (MemorySegment p : packets) {
            r.onPacket(p, 0, (int) p.byteSize(), T0);
        }
        Frame f = queue.poll();
        assertThat(f).as("frame delivered").isNotNull();
        return f;
    }

    @Test
    void multiFlowContainerIsPlacedByTheFlowTableAndReadZeroCopyBitExact() throws Exception {
        ContainerSpec spec = multiFlowSpec();
        assertThat(spec.flowCount()).isEqualTo(4);
        assertThat(spec.partFlowOffset(2, 0)).as("confidence follows range in flow 2").isPositive();
        setUp(flowSizes(spec));
        MemorySegment[] flows = flows(spec);
        MemorySegment expectedLinear = MemorySegment.ofArray(new byte[(int) spec.linearSize()]);
        spec.writeLinear(expectedLinear, SOURCE);
        Random shuffle = new Random(0x5EED01L);
        for (long block = 1; block <= 5; block++) {
            Frame f = deliver(packets(block, flows, spec.descriptorSize(), spec.descriptorSize(), true, shuffle));
            try {
                assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
                GenDcContainer c = f.genDc();
                assertThat(c.hasFlowTable()).isTrue();
                assertThat(c.flowCount()).isEqualTo(4);
                assertThat(c.componentCount()).isEqualTo(4);
                assertThat(c.view().id()).isEqualTo(42);
                assertThat(c.findComponent(ComponentTypeIds.CONFIDENCE)).isEqualTo(2);
                ComponentView comp = new ComponentView();
                PartView part = new PartView();
                for (int i = 0; i < 4; i++) {
                    c.view().component(i, comp);
                    comp.part(0, part);
                    MemorySegment data = c.data(part);
                    MemorySegment expected = expectedLinear.asSlice(part.dataOffset(), part.dataSize());
                    assertThat(data.mismatch(expected)).as("component %d bytes", i).isEqualTo(-1L);
                    assertThat(data.asOverlappingSlice(f.buffer())).as("zero-copy view").isPresent();
                    assertThat(c.data(i, 0).address()).isEqualTo(data.address());
                }
                // saving as .gendc gives exactly the container the gendc module writes linearly
                MemorySegment linear = MemorySegment.ofArray(new byte[(int) c.linearSize()]);
                assertThat(c.writeLinear(linear)).isEqualTo(spec.linearSize());
                assertThat(linear.mismatch(expectedLinear)).isEqualTo(-1L);
            } finally {
                f.release();
            }
        }
        assertThat(counters.get(GvspCounter.FRAMES_COMPLETED)).isEqualTo(5);
        assertThat(counters.get(GvspCounter.OUT_OF_BOUNDS_PACKETS)).isZero();
    }

    @Test
    void theFinalDescriptorReplacesThePreliminaryOneInEveryArrivalOrder() throws Exception {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        MemorySegment[] flows = flows(spec);
        MemorySegment expectedLinear = MemorySegment.ofArray(new byte[(int) spec.linearSize()]);
        spec.writeLinear(expectedLinear, SOURCE);
        Random shuffle = new Random(0x9E11L);
        for (long block = 1; block <= 60; block++) {
            Frame f = deliver(packets(block, flows, spec.descriptorSize(), spec.descriptorSize(), true, true, shuffle));
            try {
                assertThat(f.status()).as("block %d", block).isEqualTo(FrameStatus.COMPLETE);
                assertThat(f.genDcPreliminaryDescriptor()).isTrue();
                GenDcContainer c = f.genDc();
                assertThat(c.view().variableFields()).as("the final descriptor is the one in place").isZero();
                MemorySegment linear = MemorySegment.ofArray(new byte[(int) c.linearSize()]);
                assertThat(c.writeLinear(linear)).isEqualTo(spec.linearSize());
                assertThat(linear.mismatch(expectedLinear)).as("block %d bytes", block).isEqualTo(-1L);
            } finally {
                f.release();
            }
        }
        assertThat(counters.get(GvspCounter.FRAMES_COMPLETED)).isEqualTo(60);
        // with 60 shuffles some preliminary packets arrive after the final ones: counted, not written
        assertThat(counters.get(GvspCounter.GENDC_PRELIMINARY_SUPERSEDED)).isPositive();
    }

    @Test
    void aPreliminaryDescriptorWithoutItsFinalOneIsMalformed() throws Exception {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        List<MemorySegment> all = packets(1, flows(spec), spec.descriptorSize(), spec.descriptorSize(), true, true, new Random(3));
        // drop the final descriptor's packets: re-number nothing, the device "forgot" them, so the
        // leader's preliminary flag is the only descriptor news; make them preliminary instead
        GvspPayload p = new GvspPayload();
        for (MemorySegment s : all.subList(1, all.size() - 1)) {
            p.wrap(s, GvspHeader.EXTENDED_SIZE);
            if (p.genDcFlowId() == 0 && (p.genDcDataFlags() >>> 6) == GvspPayload.GENDC_DESCRIPTOR_FINAL) {
                s.set(ValueLayout.JAVA_BYTE, GvspHeader.EXTENDED_SIZE + 12,
                        (byte) ((p.genDcDataFlags() & 0x3F) | (GvspPayload.GENDC_DESCRIPTOR_PRELIMINARY << 6)));
            }
        }
        Frame f = deliver(all);
        try {
            assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
            assertThatThrownBy(f::genDc).isInstanceOf(GenDcFormatException.class)
                    .hasMessageContaining("final descriptor");
        } finally {
            f.release();
        }
    }

    /**
     * Validating each GenDC frame on the receive thread allocates nothing: 200 frames fed,
     * delivered, opened with genDc() and released after a warm-up, the thread's allocation counter
     * (not timing) sees at most a few bytes per frame (the best of 5 rounds, JIT noise aside).
     */
    @Test
    void validatingAndOpeningEveryFrameAllocatesNothing() throws Exception {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        List<MemorySegment> base = packets(1, flows(spec), spec.descriptorSize(), spec.descriptorSize(), true, new Random(4));
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        long block = 1;
        long best = Long.MAX_VALUE;
        GvspHeader h = new GvspHeader();
        for (int round = 0; round < 25; round++) {
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < 200; i++) {
                block++;
                for (int k = 0; k < base.size(); k++) {
                    MemorySegment p = base.get(k);
                    h.wrap(p, 0);
                    h.writeExtended(0, 0, k == 0 ? GvspPacketFormat.LEADER : k == base.size() - 1 ? GvspPacketFormat.TRAILER
                            : GvspPacketFormat.PAYLOAD_GENDC, 0, block, h.packetId());
                    r.onPacket(p, 0, (int) p.byteSize(), T0);
                }
                Frame f = queue.poll();
                if (f.status() != FrameStatus.COMPLETE || f.genDc().componentCount() != 4) {
                    throw new AssertionError("frame " + block + " " + f.status());
                }
                f.release();
            }
            if (round >= 20) {
                best = Math.min(best, threads.getThreadAllocatedBytes(self) - before);
            }
        }
        System.out.println("GenDcFrameTest: " + best + " bytes allocated for 200 GenDC frames");
        assertThat(best).as("bytes allocated per 200 frames").isLessThan(200 * 8);
    }

    @Test
    void withoutAFlowTableASingleFlowContainerIsValidatedLinearly() throws Exception {
        ContainerSpec spec = ContainerSpec.builder().id(3)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8, PartSpec.image(PixelFormat.MONO8, 30, 12)))
                .add(ComponentSpec.of(ComponentTypeIds.CONFIDENCE, PixelFormat.CONFIDENCE8,
                        PartSpec.image(PixelFormat.CONFIDENCE8, 30, 12)))
                .build();
        assertThat(spec.flowCount()).isEqualTo(1);
        setUp(null);
        MemorySegment linear = MemorySegment.ofArray(new byte[(int) spec.linearSize()]);
        spec.writeLinear(linear, SOURCE);
        Frame f = deliver(packets(9, new MemorySegment[] {linear}, spec.descriptorSize(), spec.descriptorSize(), true,
                new Random(7)));
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        GenDcContainer c = f.genDc();
        assertThat(c.hasFlowTable()).isFalse();
        assertThat(c.flowCount()).isEqualTo(1);
        for (int i = 0; i < 2; i++) {
            MemorySegment data = c.data(i, 0);
            long off = c.component(i).part(0).dataOffset();
            assertThat(data.mismatch(linear.asSlice(off, data.byteSize()))).isEqualTo(-1L);
        }
        assertThatThrownBy(() -> c.flow(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void leaderDescriptorSizeMustMatchTheDescriptor() {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        Frame f = deliver(packets(1, flows(spec), spec.descriptorSize(), spec.descriptorSize() + 8, true, new Random(1)));
        assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
        assertThatThrownBy(f::genDc).isInstanceOf(GenDcFormatException.class)
                .satisfies(e -> assertThat(((GenDcFormatException) e).field()).isEqualTo("DescriptorSize"))
                .hasMessageContaining("leader");
        assertThat(counters.get(GvspCounter.FRAMES_MALFORMED_PAYLOAD)).isEqualTo(1);
    }

    @Test
    void aDescriptorWithoutStartAndEndMarksIsMalformed() {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        Frame f = deliver(packets(1, flows(spec), spec.descriptorSize(), spec.descriptorSize(), false, new Random(2)));
        assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
        assertThatThrownBy(f::genDc).isInstanceOf(GenDcFormatException.class).hasMessageContaining("start and end");
    }

    @Test
    void genDcOnAnImageOrAnIncompleteFrameIsAProgrammingError() {
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        List<MemorySegment> p = packets(1, flows(spec), spec.descriptorSize(), spec.descriptorSize(), true, new Random(3));
        p.remove(3); // one data packet lost, no resend: the frame ends TIMEOUT
        for (MemorySegment s : p) {
            r.onPacket(s, 0, (int) s.byteSize(), T0);
        }
        r.onTick(T0 + 10_000_000_000L);
        Frame f = queue.poll();
        assertThat(f.status()).isNotEqualTo(FrameStatus.COMPLETE);
        assertThatThrownBy(f::genDc).isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
        f.release();
        setUp(null, Packets.PACKET_SIZE);
        for (MemorySegment s : Packets.block(5)) {
            r.onPacket(s, 0, (int) s.byteSize(), T0);
        }
        Frame image = queue.poll();
        assertThat(image.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThatThrownBy(image::genDc).isInstanceOf(IllegalStateException.class).hasMessageContaining("not GenDC");
    }

    @Test
    void corruptedDescriptorsAreEitherValidOrTypedNeverACrash() {
        long seed = 0xC0FFEE05L;
        System.out.println("GenDcFrameTest corruption seed 0x" + Long.toHexString(seed));
        SplittableRandom rnd = new SplittableRandom(seed);
        ContainerSpec spec = multiFlowSpec();
        setUp(flowSizes(spec));
        MemorySegment[] clean = flows(spec);
        int desc = (int) spec.descriptorSize();
        int valid = 0;
        int malformed = 0;
        for (int i = 0; i < 2000; i++) {
            MemorySegment[] flows = clean.clone();
            MemorySegment flow0 = MemorySegment.ofArray(clean[0].toArray(ValueLayout.JAVA_BYTE));
            int edits = 1 + rnd.nextInt(4);
            for (int k = 0; k < edits; k++) {
                int at = rnd.nextInt(desc);
                // half the edits hit the header fields that steer the walk (sizes, offsets, counts)
                if (rnd.nextBoolean()) {
                    at = new int[] {12, 32, 40, 48, 52, 56, 64, 72, 80}[rnd.nextInt(9)] + rnd.nextInt(8);
                }
                flow0.set(ValueLayout.JAVA_BYTE, at, (byte) rnd.nextInt(256));
            }
            flows[0] = flow0;
            Frame f = deliver(packets(i + 1, flows, desc, 0, true, new Random(i)));
            try {
                if (f.status() == FrameStatus.COMPLETE) {
                    GenDcContainer c = f.genDc();
                    for (int comp = 0; comp < c.componentCount(); comp++) {
                        for (int part = 0; part < c.component(comp).partCount(); part++) {
                            assertThat(c.data(comp, part).asOverlappingSlice(f.buffer())).isPresent();
                        }
                    }
                    valid++;
                } else {
                    assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
                    assertThatThrownBy(f::genDc).isInstanceOf(GenDcFormatException.class);
                    malformed++;
                }
            } catch (GenDcFormatException e) {
                throw new AssertionError("a validated container failed afterwards: " + e.getMessage(), e);
            } finally {
                f.release();
            }
        }
        System.out.println("GenDcFrameTest corruption: " + valid + " still valid, " + malformed + " malformed");
        assertThat(malformed).isGreaterThan(1000);
        assertThat(counters.get(GvspCounter.FRAMES_MALFORMED_PAYLOAD)).isEqualTo(malformed);
    }
}
