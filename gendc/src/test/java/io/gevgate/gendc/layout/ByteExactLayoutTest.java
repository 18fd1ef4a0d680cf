package io.gevgate.gendc.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.gevgate.gendc.ComponentTypeIds;
import io.gevgate.gendc.pfnc.PixelFormat;
import io.gevgate.gendc.read.ComponentView;
import io.gevgate.gendc.read.ContainerView;
import io.gevgate.gendc.read.FlowTableView;
import io.gevgate.gendc.read.PartView;
import io.gevgate.gendc.write.ComponentSpec;
import io.gevgate.gendc.write.ContainerSpec;
import io.gevgate.gendc.write.H264Parameters;
import io.gevgate.gendc.write.PartSpec;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Checks the written bytes against the tables of gige-anchors.md §3 with literal offsets (not the
 * layout constants, so a wrong constant cannot hide), little-endian, and that the reader agrees.
 */
class ByteExactLayoutTest {

    private static final byte[] CHUNK = {1, 2, 3, 4, 5, 6, 7, 8, 0x11, 0x22, 0x33, 0x44, 8, 0, 0, 0};
    private static final byte[] NAL = {0, 0, 0, 1, 0x65};

    static ContainerSpec sample() {
        return ContainerSpec.builder().id(0x0807060504030201L).timestampPtp(true)
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                                PartSpec.image(PixelFormat.MONO8, 4, 2, 1, 2).withFlow(1).withInfoReserved(0xCAFEL))
                        .withIds(0x1234, 0x5678, 0x9ABC).withRegionOffset(0x11223344L, 0x55667788L)
                        .withTimestamp(0x0102030405060708L).withInvalid(true))
                .add(ComponentSpec.of(ComponentTypeIds.METADATA, PixelFormat.DATA8,
                        PartSpec.chunkMetadata(CHUNK, 0x1122334455667788L)))
                .add(ComponentSpec.of(ComponentTypeIds.INTENSITY, PixelFormat.MONO8,
                        PartSpec.h264(PixelFormat.MONO8, 1920, 1080,
                                new H264Parameters(100, 0b1010, 2, 42, 0x0102, 0x0304, 0x05060708L, 0x090A0B0CL), NAL)))
                .build();
    }

    @Test
    void containerHeader() {
        ContainerSpec spec = sample();
        ByteBuffer b = bytes(spec);
        assertThat(b.getInt(0)).isEqualTo(0x43444E47);
        assertThat(new String(new byte[] {b.get(0), b.get(1), b.get(2), b.get(3)})).isEqualTo("GNDC");
        assertThat(b.get(4)).isEqualTo((byte) 1);
        assertThat(b.get(5)).isEqualTo((byte) 1);
        assertThat(b.get(6)).isEqualTo((byte) 0);
        assertThat(b.get(7)).isEqualTo((byte) 0);
        assertThat(b.getShort(8)).isEqualTo((short) 0x1000);
        assertThat(b.getShort(10)).as("TimestampPTP | ComponentInvalid").isEqualTo((short) 0b11);
        assertThat(b.getInt(12)).as("HeaderSize 56 + 8 x 3").isEqualTo(80);
        assertThat(b.getLong(16)).isEqualTo(0x0807060504030201L);
        assertThat(b.get(16)).as("little-endian").isEqualTo((byte) 1);
        assertThat(b.getShort(24)).as("VariableFields").isZero();
        for (int i = 26; i < 32; i++) {
            assertThat(b.get(i)).as("reserved byte %d", i).isZero();
        }
        // 80 + (56 + 56) + (56 + 64) + (56 + 72) = 440
        assertThat(b.getInt(48)).as("DescriptorSize").isEqualTo(440);
        assertThat(b.getLong(40)).as("DataOffset").isEqualTo(440);
        // parts: 12 bytes at 440, 16 at 456 (8-aligned), 5 at 472 -> end 477
        assertThat(b.getLong(32)).as("DataSize").isEqualTo(37);
        assertThat(b.getInt(52)).as("ComponentCount").isEqualTo(3);
        assertThat(b.getLong(56)).isEqualTo(80);
        assertThat(b.getLong(64)).isEqualTo(192);
        assertThat(b.getLong(72)).isEqualTo(312);
        assertThat(spec.linearSize()).isEqualTo(477);
    }

    @Test
    void componentHeader() {
        ByteBuffer b = bytes(sample());
        int c = 80;
        assertThat(b.getShort(c)).isEqualTo((short) 0x2000);
        assertThat(b.getShort(c + 2)).as("Invalid").isEqualTo((short) 1);
        assertThat(b.getInt(c + 4)).as("HeaderSize 48 + 8 x 1").isEqualTo(56);
        assertThat(b.getShort(c + 8)).as("reserved").isZero();
        assertThat(b.getShort(c + 10)).isEqualTo((short) 0x1234);
        assertThat(b.getShort(c + 12)).isEqualTo((short) 0x5678);
        assertThat(b.getShort(c + 14)).isEqualTo((short) 0x9ABC);
        assertThat(b.getInt(c + 16)).isEqualTo(0x11223344);
        assertThat(b.getInt(c + 20)).isEqualTo(0x55667788);
        assertThat(b.getLong(c + 24)).isEqualTo(0x0102030405060708L);
        assertThat(b.getLong(c + 32)).isEqualTo(1);
        assertThat(b.getInt(c + 40)).isEqualTo(0x01080001);
        assertThat(b.getShort(c + 44)).as("reserved").isZero();
        assertThat(b.getShort(c + 46)).as("PartCount").isEqualTo((short) 1);
        assertThat(b.getLong(c + 48)).as("PartOffset[0]").isEqualTo(136);
        assertThat(b.getLong(192 + 32)).as("metadata TypeId").isEqualTo(0x8001);
        assertThat(b.getInt(192 + 40)).as("Data8").isEqualTo(0x01080116);
    }

    @Test
    void part2DHeader() {
        ByteBuffer b = bytes(sample());
        int p = 136;
        assertThat(b.getShort(p)).isEqualTo((short) 0x4200);
        assertThat(b.getShort(p + 2)).isZero();
        assertThat(b.getInt(p + 4)).as("HeaderSize 40 + 2 words").isEqualTo(56);
        assertThat(b.getInt(p + 8)).isEqualTo(0x01080001);
        assertThat(b.getShort(p + 12)).isZero();
        assertThat(b.getShort(p + 14)).as("FlowId").isEqualTo((short) 1);
        assertThat(b.getLong(p + 16)).as("FlowOffset: first in flow 1").isZero();
        assertThat(b.getLong(p + 24)).as("DataSize (4 + 1) x 2 + 2").isEqualTo(12);
        assertThat(b.getLong(p + 32)).as("DataOffset").isEqualTo(440);
        assertThat(b.getInt(p + 40)).as("SizeX").isEqualTo(4);
        assertThat(b.getInt(p + 44)).as("SizeY").isEqualTo(2);
        assertThat(b.getShort(p + 48)).as("PaddingX").isEqualTo((short) 1);
        assertThat(b.getShort(p + 50)).as("PaddingY").isEqualTo((short) 2);
        assertThat(b.getInt(p + 52)).as("InfoReserved").isEqualTo(0xCAFE);
    }

    @Test
    void partMetadataHeader() {
        ByteBuffer b = bytes(sample());
        int p = 248;
        assertThat(b.getShort(p)).isEqualTo((short) 0x4000);
        assertThat(b.getInt(p + 4)).as("HeaderSize 40 + 3 words").isEqualTo(64);
        assertThat(b.getInt(p + 8)).isEqualTo(0x01080116);
        assertThat(b.getShort(p + 14)).as("FlowId").isZero();
        assertThat(b.getLong(p + 16)).as("FlowOffset after the descriptor in flow 0").isEqualTo(440);
        assertThat(b.getLong(p + 24)).isEqualTo(16);
        assertThat(b.getLong(p + 32)).isEqualTo(456);
        assertThat(b.getLong(p + 40)).as("Size").isEqualTo(16);
        assertThat(b.getShort(p + 48)).as("Padding").isZero();
        assertThat(b.getLong(p + 56)).as("InfoTypeSpecific = LayoutId").isEqualTo(0x1122334455667788L);
        byte[] data = new byte[16];
        b.get(456, data);
        assertThat(data).isEqualTo(CHUNK);
    }

    @Test
    void partH264Header() {
        ByteBuffer b = bytes(sample());
        int p = 368;
        assertThat(b.getShort(p)).isEqualTo((short) 0x4203);
        assertThat(b.getInt(p + 4)).as("HeaderSize 40 + 4 words").isEqualTo(72);
        assertThat(b.getLong(p + 16)).as("FlowOffset: after the metadata in flow 0").isEqualTo(440 + 16);
        assertThat(b.getLong(p + 24)).isEqualTo(5);
        assertThat(b.getLong(p + 32)).isEqualTo(472);
        assertThat(b.getInt(p + 40)).isEqualTo(1920);
        assertThat(b.getInt(p + 44)).isEqualTo(1080);
        assertThat(b.get(p + 56)).as("reserved").isZero();
        assertThat(b.get(p + 57)).as("ProfileIDC").isEqualTo((byte) 100);
        assertThat(b.get(p + 58)).as("CS 0b1010 | mode 2 << 4").isEqualTo((byte) 0x2A);
        assertThat(b.get(p + 59)).as("LevelIDC").isEqualTo((byte) 42);
        assertThat(b.getShort(p + 60)).isEqualTo((short) 0x0102);
        assertThat(b.getShort(p + 62)).isEqualTo((short) 0x0304);
        assertThat(b.getInt(p + 64)).isEqualTo(0x05060708);
        assertThat(b.getInt(p + 68)).isEqualTo(0x090A0B0C);
    }

    @Test
    void flowTable() {
        ContainerSpec spec = sample();
        assertThat(spec.flowCount()).isEqualTo(2);
        byte[] table = new byte[(int) spec.flowTableSize()];
        spec.writeFlowTable(MemorySegment.ofArray(table));
        ByteBuffer b = ByteBuffer.wrap(table).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(table).hasSize(32);
        assertThat(b.getShort(0)).isEqualTo((short) 0x7000);
        assertThat(b.getShort(2)).isZero();
        assertThat(b.getInt(4)).as("HeaderSize 16 + 8 x 2").isEqualTo(32);
        assertThat(b.get(8)).isEqualTo((byte) 1);
        assertThat(b.get(9)).isEqualTo((byte) 0);
        assertThat(b.getInt(12)).isEqualTo(2);
        assertThat(b.getLong(16)).as("flow 0: descriptor 440 + metadata 16 + H.264 5").isEqualTo(461);
        assertThat(b.getLong(24)).as("flow 1: the 2D image").isEqualTo(12);
    }

    @Test
    void readerSeesTheSameFields() throws Exception {
        ContainerSpec spec = sample();
        ContainerView v = new ContainerView().wrap(ByteBuffer.wrap(spec.toByteArray()));
        assertThat(v.id()).isEqualTo(0x0807060504030201L);
        assertThat(v.isTimestampPtp()).isTrue();
        assertThat(v.hasInvalidComponents()).isTrue();
        assertThat(v.versionMajor()).isEqualTo(1);
        assertThat(v.versionMinor()).isEqualTo(1);
        assertThat(v.descriptorSize()).isEqualTo(440);
        assertThat(v.partCount()).isEqualTo(3);
        ComponentView c = v.component(0);
        assertThat(c.isInvalid()).isTrue();
        assertThat(c.groupId()).isEqualTo(0x1234);
        assertThat(c.sourceId()).isEqualTo(0x5678);
        assertThat(c.regionId()).isEqualTo(0x9ABC);
        assertThat(c.regionOffsetX()).isEqualTo(0x11223344L);
        assertThat(c.regionOffsetY()).isEqualTo(0x55667788L);
        PartView p = c.part(0);
        assertThat(p.sizeX()).isEqualTo(4);
        assertThat(p.paddingY()).isEqualTo(2);
        assertThat(p.infoReserved()).isEqualTo(0xCAFE);
        PartView h = v.component(2).part(0);
        assertThat(h.isH264()).isTrue();
        assertThat(h.h264ProfileIdc()).isEqualTo(100);
        assertThat(h.h264ConstraintSetFlags()).isEqualTo(0b1010);
        assertThat(h.h264PacketizationMode()).isEqualTo(2);
        assertThat(h.h264LevelIdc()).isEqualTo(42);
        assertThat(h.h264SpropDeintBufReq()).isEqualTo(0x05060708L);
        assertThat(h.h264SpropInitBufTime()).isEqualTo(0x090A0B0CL);
        assertThat(v.component(1).part(0).infoTypeSpecific()).isEqualTo(0x1122334455667788L);

        byte[] table = new byte[(int) spec.flowTableSize()];
        spec.writeFlowTable(MemorySegment.ofArray(table));
        FlowTableView flows = new FlowTableView().wrap(MemorySegment.ofArray(table));
        assertThat(flows.flowCount()).isEqualTo(2);
        assertThat(flows.flowSize(1)).isEqualTo(12);
    }

    private static ByteBuffer bytes(ContainerSpec spec) {
        return ByteBuffer.wrap(spec.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    }
}
