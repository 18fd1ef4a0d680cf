package io.gevgate.acquisition.gvsp;

import io.gevgate.acquisition.gvsp.codec.GvspHeader;
import io.gevgate.acquisition.gvsp.codec.GvspLeader;
import io.gevgate.acquisition.gvsp.codec.GvspPacketFormat;
import io.gevgate.acquisition.gvsp.codec.GvspPayload;
import io.gevgate.acquisition.gvsp.codec.GvspPayloadType;
import io.gevgate.acquisition.gvsp.codec.GvspTrailer;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** H.264 opaque payloads, single-flow GenDC without a flow table, and oversize data. */
class OpaqueAndEdgePayloadTest {
    private static final long T0 = 7_000_000_000L;
    private final ReceiverCounters counters = new ReceiverCounters();
    private FrameQueue queue;
    private GvspReassembler r;

    private void setUp(int packetSize, long capacity) {
        GvspReceiverConfig cfg = new GvspReceiverConfig().packetSize(packetSize).frameBufferBytes(capacity)
                .frameBufferCount(2).handoffCapacity(2).resendRequester((b, f, l) -> { });
        FramePool pool = new FramePool(2, capacity, GvspReassembler.maxPackets(cfg), GvspReassembler.maxFlows(cfg));
        queue = new FrameQueue(2, counters);
        r = new GvspReassembler(cfg, pool, queue, counters);
    }

    private void feed(MemorySegment s, int len) {
        r.onPacket(s, 0, len, T0);
    }

    @Test
    void h264PayloadsSkipTheirTimestampAndLandInOrder() {
        int packet = 28 + 20 + 8 + 100; // 100 data bytes per H.264 packet (8-byte timestamp prefix)
        setUp(packet, 4096);
        MemorySegment s = MemorySegment.ofArray(new byte[packet]);
        GvspHeader h = new GvspHeader().wrap(s, 0);
        h.writeExtended(0, 0, GvspPacketFormat.LEADER, 0, 77, 0);
        int n = new GvspLeader().wrap(s, 20).writeH264(GvspPayloadType.H264, 250, 1, packet);
        feed(s, 20 + n);
        for (int pid = 1; pid <= 3; pid++) {
            h.writeExtended(0, 0, GvspPacketFormat.PAYLOAD_H264, 0, 77, pid);
            new GvspPayload().wrap(s, 20).writeH264(123456L * pid);
            int len = pid < 3 ? 100 : 50;
            for (int i = 0; i < len; i++) {
                s.set(ValueLayout.JAVA_BYTE, 28 + i, (byte) (pid * 10 + i));
            }
            feed(s, 28 + len);
        }
        h.writeExtended(0, 0, GvspPacketFormat.TRAILER, 0, 77, 4);
        feed(s, 20 + new GvspTrailer().wrap(s, 20, 0).write(GvspPayloadType.H264, 0));
        Frame f = queue.poll();
        assertThat(f.status()).isEqualTo(FrameStatus.COMPLETE);
        assertThat(f.payloadSize()).isEqualTo(250);
        assertThat(f.payload().get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 10);
        assertThat(f.payload().get(ValueLayout.JAVA_BYTE, 100)).isEqualTo((byte) 20);
        assertThat(f.payload().get(ValueLayout.JAVA_BYTE, 249)).isEqualTo((byte) (30 + 49));
    }

    @Test
    void singleFlowGenDcWithoutFlowTableExposesDescriptorAndDataAndRejectsANonContainer() {
        int packet = 28 + 20 + 16 + 64;
        setUp(packet, 4096);
        MemorySegment s = MemorySegment.ofArray(new byte[packet]);
        GvspHeader h = new GvspHeader().wrap(s, 0);
        h.writeExtended(0, 0, GvspPacketFormat.LEADER, 0, 5, 0);
        feed(s, 20 + new GvspLeader().wrap(s, 20).writeGenDc(9, 128, GvspLeader.GENDC_FLAG_PRELIMINARY, 64));
        for (int pid = 1; pid <= 2; pid++) {
            h.writeExtended(0, 0, GvspPacketFormat.PAYLOAD_GENDC, 0, 5, pid);
            int flags = pid == 1 ? (GvspPayload.GENDC_DESCRIPTOR_PRELIMINARY << 6) | GvspPayload.GENDC_START_OF_DESCRIPTOR
                    | GvspPayload.GENDC_END_OF_DESCRIPTOR : 0;
            new GvspPayload().wrap(s, 20).writeGenDc(64, (pid - 1) * 64L, flags,
                    pid == 1 ? GvspPayload.GENDC_FLOW_FIRST : GvspPayload.GENDC_FLOW_LAST, 0);
            for (int i = 0; i < 64; i++) {
                s.set(ValueLayout.JAVA_BYTE, 36 + i, (byte) (pid * 64 + i));
            }
            feed(s, 36 + 64);
        }
        h.writeExtended(0, 0, GvspPacketFormat.TRAILER, 0, 5, 3);
        feed(s, 20 + new GvspTrailer().wrap(s, 20, 0).write(GvspPayloadType.GENDC, 0));
        Frame f = queue.poll();
        // every packet arrived, but the bytes are no GenDC container ("GNDC" missing): the raw
        // descriptor/flow views still work, genDc() names the reason
        assertThat(f.status()).isEqualTo(FrameStatus.MALFORMED_PAYLOAD);
        assertThat(counters.get(GvspCounter.FRAMES_MALFORMED_PAYLOAD)).isEqualTo(1);
        assertThatThrownBy(f::genDc).isInstanceOf(io.gevgate.gendc.GenDcFormatException.class)
                .hasMessageStartingWith("invalid GenDC at offset");
        assertThat(f.isGenDc()).isTrue();
        assertThat(f.genDcPreliminaryDescriptor()).isTrue();
        assertThat(f.genDcFlowCount()).isEqualTo(1);
        assertThat(f.genDcDescriptor().byteSize()).isEqualTo(64);
        assertThat(f.genDcDescriptor().get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 64);
        assertThat(f.genDcFlow(0).byteSize()).isEqualTo(128);
        assertThat(f.genDcFlow(0).get(ValueLayout.JAVA_BYTE, 127)).isEqualTo((byte) (128 + 63));
    }

    @Test
    void dataBeyondTheBufferClosesAsSizeMismatch() {
        int packet = 28 + 8 + 100;
        setUp(packet, 150); // the leader announces 200 bytes, the buffer holds 150
        MemorySegment s = MemorySegment.ofArray(new byte[packet]);
        GvspHeader h = new GvspHeader().wrap(s, 0);
        h.writeStandard(0, 9, GvspPacketFormat.LEADER, 0);
        feed(s, 8 + new GvspLeader().wrap(s, 8).writeRaw(GvspPayloadType.RAW, 1, 200));
        for (int pid = 1; pid <= 2; pid++) {
            h.writeStandard(0, 9, GvspPacketFormat.PAYLOAD_GENERIC, pid);
            feed(s, 8 + 100);
        }
        h.writeStandard(0, 9, GvspPacketFormat.TRAILER, 3);
        feed(s, 8 + new GvspTrailer().wrap(s, 8, 0).write(GvspPayloadType.RAW, 0));
        Frame f = queue.poll();
        assertThat(f.status()).isEqualTo(FrameStatus.SIZE_MISMATCH);
        assertThat(counters.get(GvspCounter.OUT_OF_BOUNDS_PACKETS)).isEqualTo(1);
        assertThat(counters.get(GvspCounter.FRAMES_SIZE_MISMATCH)).isEqualTo(1);
    }
}
