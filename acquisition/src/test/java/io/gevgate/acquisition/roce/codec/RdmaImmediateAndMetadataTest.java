package io.gevgate.acquisition.roce.codec;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RdmaImmediateAndMetadataTest {
    @Test
    void immediateCarriesPageAndSequence() {
        int imm = RdmaImmediate.encode(0xABC, 0x12345678L);
        assertThat(RdmaImmediate.page(imm)).isEqualTo(0xABC);
        assertThat(RdmaImmediate.sequence(imm)).isEqualTo(0x45678);
        assertThat(RdmaImmediate.matches(imm, 0x12345678L)).isTrue();
        assertThat(RdmaImmediate.matches(imm, 0x12345679L)).isFalse();
        // the Holoscan Sensor Bridge split: page = imm & 0xFFF, upper 20 bits = (imm >> 12) & 0xFFFFF
        assertThat(imm & 0xFFF).isEqualTo(0xABC);
        assertThat((imm >>> 12) & 0xFFFFF).isEqualTo(0x45678);
        assertThat(RdmaImmediate.sequence(RdmaImmediate.encode(0, (1L << 20) + 3))).isEqualTo(3);
        assertThatThrownBy(() -> RdmaImmediate.encode(4096, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RdmaImmediate.encode(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metadataRoundTripsBigEndian() throws Exception {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(FrameMetadata.LENGTH);
            FrameMetadata.write(s, 1, 10, 20, 0x0102030405060708L, 999, 0xDEADBEEF, 11, 123, 456, 3);
            assertThat(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) 'G');
            assertThat(s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 16)).isEqualTo((byte) 1); // BE frame number
            FrameMetadata m = new FrameMetadata().wrap(s);
            assertThat(m.flags()).isEqualTo(1);
            assertThat(m.firstPsn()).isEqualTo(10);
            assertThat(m.lastPsn()).isEqualTo(20);
            assertThat(m.frameNumber()).isEqualTo(0x0102030405060708L);
            assertThat(m.bytesWritten()).isEqualTo(999);
            assertThat(m.crc()).isEqualTo(0xDEADBEEF);
            assertThat(m.packetCount()).isEqualTo(11);
            assertThat(m.firstDataTimestamp()).isEqualTo(123);
            assertThat(m.recordTimestamp()).isEqualTo(456);
            assertThat(m.flowCount()).isEqualTo(3);
            assertThatThrownBy(() -> new FrameMetadata().wrap(s.asSlice(0, 127)))
                    .isInstanceOf(RoceFormatException.class).hasMessageContaining("metadata record");
            s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 0, (byte) 'X');
            assertThatThrownBy(() -> new FrameMetadata().wrap(s)).isInstanceOf(RoceFormatException.class)
                    .hasMessageContaining("magic");
        }
    }
}
