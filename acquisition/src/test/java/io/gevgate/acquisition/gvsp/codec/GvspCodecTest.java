package io.gevgate.acquisition.gvsp.codec;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GvspCodecTest {
    private final MemorySegment buf = MemorySegment.ofArray(new byte[2048]);
    private final GvspPacketDecoder decoder = new GvspPacketDecoder();

    private int imageLeader(boolean ext) {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        int hs = ext ? h.writeExtended(0, 0, GvspPacketFormat.LEADER, 0, 0x1_0000_0001L, 0)
                : h.writeStandard(0, 0xFFFF, GvspPacketFormat.LEADER, 0);
        return hs + new GvspLeader().wrap(buf, hs).writeImage(GvspPayloadType.IMAGE, 123456789L, 0x01080001,
                640, 480, 8, 16, 2, 4);
    }

    @Test
    void standardHeaderRoundTrips() throws Exception {
        int len = imageLeader(false);
        assertThat(len).isEqualTo(8 + 36);
        decoder.decodeOrThrow(buf, 0, len);
        assertThat(decoder.header().extendedIds()).isFalse();
        assertThat(decoder.header().blockId()).isEqualTo(0xFFFF);
        assertThat(decoder.header().packetId()).isZero();
        assertThat(decoder.packetFormat()).isEqualTo(GvspPacketFormat.LEADER);
        GvspLeader l = decoder.leader();
        assertThat(l.payloadType()).isEqualTo(GvspPayloadType.IMAGE);
        assertThat(l.timestamp()).isEqualTo(123456789L);
        assertThat(l.pixelFormat()).isEqualTo(0x01080001);
        assertThat(l.sizeX()).isEqualTo(640);
        assertThat(l.sizeY()).isEqualTo(480);
        assertThat(l.offsetX()).isEqualTo(8);
        assertThat(l.offsetY()).isEqualTo(16);
        assertThat(l.paddingX()).isEqualTo(2);
        assertThat(l.paddingY()).isEqualTo(4);
    }

    @Test
    void extendedHeaderCarries64BitBlockAnd32BitPacketIds() throws Exception {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeExtended(0, GvspHeader.FLAG_RESEND, GvspPacketFormat.PAYLOAD_GENERIC, 0, 0xFEDC_BA98_7654_3210L, 0xFFFF_FFF0L);
        decoder.decodeOrThrow(buf, 0, 20 + 100);
        assertThat(decoder.header().extendedIds()).isTrue();
        assertThat(decoder.header().blockId()).isEqualTo(0xFEDC_BA98_7654_3210L);
        assertThat(decoder.header().packetId()).isEqualTo(0xFFFF_FFF0L);
        assertThat(decoder.header().flags()).isEqualTo(GvspHeader.FLAG_RESEND);
        assertThat(decoder.dataOffset()).isEqualTo(20);
        assertThat(decoder.dataLength()).isEqualTo(100);
    }

    @Test
    void multipartLeaderPartsRoundTrip() throws Exception {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeExtended(0, 0, GvspPacketFormat.LEADER, 2, 7, 0);
        GvspLeader l = new GvspLeader().wrap(buf, 20);
        int n = l.writeMultipartBase(55);
        l.writePart(0, 1, 0x1234_5678_9AL, 0x01080001, 3, 4, 5, 640, 480, 1, 2, 3, 4);
        l.writePart(1, 9, 77, 0x010800C6, 0, 0, 0, 10, 20, 0, 0, 0, 0);
        decoder.decodeOrThrow(buf, 0, 20 + n + 96);
        assertThat(decoder.header().partCount()).isEqualTo(2);
        GvspLeader d = decoder.leader();
        assertThat(d.partLength(0)).isEqualTo(0x1234_5678_9AL);
        assertThat(d.partSourceId(0)).isEqualTo(3);
        assertThat(d.partDataPurposeId(0)).isEqualTo(4);
        assertThat(d.partRegionId(0)).isEqualTo(5);
        assertThat(d.partSizeX(0)).isEqualTo(640);
        assertThat(d.partPaddingY(0)).isEqualTo(4);
        assertThat(d.partDataType(1)).isEqualTo(9);
        assertThat(d.partPixelFormat(1)).isEqualTo(0x010800C6);
        // one byte short of the second part info
        assertThat(decoder.decode(buf, 0, 20 + n + 95)).isFalse();
        assertThat(decoder.error().field()).isEqualTo("leader body");
    }

    @Test
    void genDcPayloadFieldsRoundTripAndDataSizeIsChecked() throws Exception {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeExtended(0, 0, GvspPacketFormat.PAYLOAD_GENDC, 0, 9, 3);
        new GvspPayload().wrap(buf, 20).writeGenDc(100, 0x1_0000_0000L,
                (GvspPayload.GENDC_DESCRIPTOR_FINAL << 6) | GvspPayload.GENDC_START_OF_DESCRIPTOR,
                GvspPayload.GENDC_FLOW_FIRST, 3);
        decoder.decodeOrThrow(buf, 0, 20 + 16 + 100);
        GvspPayload p = decoder.payload();
        assertThat(p.genDcDestinationOffset()).isEqualTo(0x1_0000_0000L);
        assertThat(p.genDcDescriptorContent()).isEqualTo(GvspPayload.GENDC_DESCRIPTOR_FINAL);
        assertThat(p.genDcDataFlags() & GvspPayload.GENDC_START_OF_DESCRIPTOR).isNotZero();
        assertThat(p.genDcFlowFlags()).isEqualTo(GvspPayload.GENDC_FLOW_FIRST);
        assertThat(p.genDcFlowId()).isEqualTo(3);
        assertThat(decoder.dataLength()).isEqualTo(100);
        assertThatThrownBy(() -> decoder.decodeOrThrow(buf, 0, 20 + 16 + 99))
                .isInstanceOf(GvspFormatException.class)
                .hasMessageContaining("GenDC data size").hasMessageContaining("at most 99");
    }

    @Test
    void trailersWithChunkInfoAndMultipartParts() throws Exception {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeStandard(0, 5, GvspPacketFormat.TRAILER, 300);
        GvspTrailer t = new GvspTrailer().wrap(buf, 8, 0);
        int n = t.write(GvspPayloadType.IMAGE | GvspPayloadType.CHUNK_FLAG, 480);
        n += t.writeChunkInfo(n, 999, 42);
        decoder.decodeOrThrow(buf, 0, 8 + n);
        assertThat(decoder.trailer().sizeY()).isEqualTo(480);
        assertThat(decoder.trailer().chunkPayloadLength()).isEqualTo(999);
        assertThat(decoder.trailer().chunkLayoutId()).isEqualTo(42);
        assertThat(decoder.decode(buf, 0, 8 + n - 1)).isFalse();

        h.writeExtended(0, 0, GvspPacketFormat.TRAILER, 0, 5, 300);
        t.wrap(buf, 20, 0);
        int m = t.writeMultipart(2);
        t.writePart(0, 1, 1000, 480);
        t.writePart(1, 9, 2000, 240);
        decoder.decodeOrThrow(buf, 0, 20 + m);
        assertThat(decoder.trailer().multipartParts()).isEqualTo(2);
        assertThat(decoder.trailer().partLength(1)).isEqualTo(2000);
        assertThat(decoder.trailer().partSizeY(1)).isEqualTo(240);
    }

    @Test
    void allInCarriesLeaderTrailerAndData() throws Exception {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeStandard(0, 1, GvspPacketFormat.ALL_IN, 0);
        int n = new GvspLeader().wrap(buf, 8).writeRaw(GvspPayloadType.RAW, 1, 50);
        n += new GvspTrailer().wrap(buf, 8 + n, 0).write(GvspPayloadType.RAW, 0);
        decoder.decodeOrThrow(buf, 0, 8 + n + 50);
        assertThat(decoder.dataOffset()).isEqualTo(8 + 20 + 4);
        assertThat(decoder.dataLength()).isEqualTo(50);
        assertThat(decoder.leader().payloadSize()).isEqualTo(50);
    }

    @Test
    void outOfRangeFieldsAreRejectedWithFieldNames() {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeStandard(0, 1, 9, 0);
        assertThat(decoder.decode(buf, 0, 100)).isFalse();
        assertThat(decoder.error().field()).isEqualTo("packet format");
        assertThat(decoder.error().offset()).isEqualTo(4);

        h.writeStandard(0, 0, GvspPacketFormat.PAYLOAD_GENERIC, 1);
        assertThat(decoder.decode(buf, 0, 100)).isFalse();
        assertThat(decoder.error().getMessage()).contains("block id").contains("non-zero");

        h.writeStandard(0, 1, GvspPacketFormat.LEADER, 0);
        new GvspLeader().wrap(buf, 8).writeMultipartBase(0);
        assertThat(decoder.decode(buf, 0, 100)).isFalse();
        assertThat(decoder.error().field()).isEqualTo("multipart leader header");

        h.writeStandard(0, 1, GvspPacketFormat.LEADER, 0);
        new GvspLeader().wrap(buf, 8).writeChunk(0x0033, 0);
        assertThat(decoder.decode(buf, 0, 100)).isFalse();
        assertThat(decoder.error().field()).isEqualTo("leader payload type");

        assertThat(decoder.decode(buf, 0, 7)).isFalse();
        assertThat(decoder.error().expected()).contains("8 bytes");

        h.writeExtended(0, 0, GvspPacketFormat.LEADER, 0, 1, 0);
        assertThat(decoder.decode(buf, 0, 19)).isFalse();
        assertThat(decoder.error().field()).isEqualTo("extended-ID header");
    }

    @Test
    void errorStatusPacketsDecodeAsBareHeaders() {
        GvspHeader h = new GvspHeader().wrap(buf, 0);
        h.writeStandard(GvspStatus.PACKET_REMOVED_FROM_MEMORY, 3, GvspPacketFormat.PAYLOAD_GENERIC, 17);
        assertThat(decoder.decode(buf, 0, 8)).isTrue();
        assertThat(decoder.errorStatus()).isTrue();
        assertThat(GvspStatus.endsResend(decoder.header().status())).isTrue();
    }

    @Test
    void everyTruncationOfEveryValidPacketIsHandled() {
        byte[][] packets = {
            copy(imageLeader(false)), copy(imageLeader(true)),
        };
        for (byte[] p : packets) {
            MemorySegment s = MemorySegment.ofArray(p);
            assertThat(decoder.decode(s, 0, p.length)).isTrue();
            for (int len = 0; len < p.length; len++) {
                MemorySegment cut = MemorySegment.ofArray(java.util.Arrays.copyOf(p, len));
                boolean ok = decoder.decode(cut, 0, len);
                if (!ok) {
                    assertThat(decoder.error()).isNotNull();
                }
                assertThat(ok).as("length %d", len).isFalse();
            }
        }
    }

    @Test
    void randomBytesNeverThrowAndAccessorsStayInBounds() {
        long seed = 0xF022_2026L;
        System.out.println("random-bytes seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] p = new byte[r.nextInt(0, 120)];
            r.nextBytes(p);
            if (p.length > 4 && r.nextBoolean()) {
                p[4] = (byte) ((p[4] & 0x80) | r.nextInt(1, 9)); // a valid format more often
            }
            MemorySegment s = MemorySegment.ofArray(p);
            if (decoder.decode(s, 0, p.length)) {
                accepted++;
                touchEverything(decoder);
            } else {
                assertThat(decoder.error().getMessage()).startsWith("malformed GVSP packet");
            }
        }
        assertThat(accepted).isPositive();
    }

    /** Calls the accessors valid for the decoded format: any out-of-bounds read would throw. */
    private static void touchEverything(GvspPacketDecoder d) {
        d.header().blockId();
        d.header().packetId();
        if (d.errorStatus()) {
            return;
        }
        switch (d.packetFormat()) {
            case GvspPacketFormat.LEADER, GvspPacketFormat.ALL_IN -> {
                GvspLeader l = d.leader();
                int base = GvspPayloadType.base(l.payloadType());
                l.timestamp();
                switch (base) {
                    case GvspPayloadType.IMAGE, GvspPayloadType.EXTENDED_CHUNK, GvspPayloadType.MULTI_ZONE -> {
                        l.pixelFormat();
                        l.paddingY();
                    }
                    case GvspPayloadType.RAW, GvspPayloadType.JPEG, GvspPayloadType.GENDC, GvspPayloadType.H264 ->
                            l.payloadSize();
                    case GvspPayloadType.MULTIPART -> {
                        for (int i = 0; i < d.header().partCount(); i++) {
                            l.partPaddingY(i);
                        }
                    }
                    default -> {
                    }
                }
                if (d.packetFormat() == GvspPacketFormat.ALL_IN) {
                    d.trailer().payloadType();
                }
            }
            case GvspPacketFormat.TRAILER -> {
                d.trailer().payloadType();
                d.trailer().chunkLayoutId();
                for (int i = 0; i < d.trailer().multipartParts(); i++) {
                    d.trailer().partSizeY(i);
                }
            }
            case GvspPacketFormat.PAYLOAD_GENDC -> d.payload().genDcFlowId();
            case GvspPacketFormat.PAYLOAD_MULTIPART, GvspPacketFormat.PAYLOAD_MULTI_ZONE -> d.payload().addressOffset();
            case GvspPacketFormat.PAYLOAD_H264 -> d.payload().h264Timestamp();
            default -> {
            }
        }
    }

    private byte[] copy(int len) {
        return buf.asSlice(0, len).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
