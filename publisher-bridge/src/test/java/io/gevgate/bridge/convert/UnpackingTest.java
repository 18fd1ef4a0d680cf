package io.gevgate.bridge.convert;

import static io.gevgate.bridge.convert.Frames.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-packed bytes for every mono packing, checked through the R channel of RGBA output. */
class UnpackingTest {

    private static int[] reds(InputLayout layout, int width, byte[] row) {
        byte[] rgba = Frames.rgba(ConversionSpec.of(layout, width, 1), row);
        int[] out = new int[width];
        for (int x = 0; x < width; x++) {
            out[x] = rgba[4 * x] & 0xFF;
        }
        return out;
    }

    @Test
    void mono10pLsbFirst() {
        // samples 0x3FF, 0x001, 0x155, 0x2AA as a little-endian 40-bit string
        byte[] row = bytes(0xFF, 0x07, 0x50, 0x95, 0xAA);
        // 8-bit: min(255, (v+2)>>2): 1023 saturates, 1 rounds down, 341 -> 85, 682 -> 171
        assertThat(reds(InputLayout.MONO10P, 4, row)).containsExactly(255, 0, 85, 171);
        // width 3 (tail path, 30 bits in 4 bytes)
        assertThat(reds(InputLayout.MONO10P, 3, bytes(0xFF, 0x07, 0x50, 0x15))).containsExactly(255, 0, 85);
    }

    @Test
    void mono12pLsbFirst() {
        // 0xABC, 0x123 -> BC, 3A, 12 ; 2748 -> (2748+8)>>4 = 172, 291 -> 18
        assertThat(reds(InputLayout.MONO12P, 2, bytes(0xBC, 0x3A, 0x12))).containsExactly(172, 18);
        // odd width 3: third sample 0x801 -> 01, x8 low nibble in the 5th byte -> (2049+8)>>4 = 128
        assertThat(reds(InputLayout.MONO12P, 3, bytes(0xBC, 0x3A, 0x12, 0x01, 0x08))).containsExactly(172, 18, 128);
    }

    @Test
    void gevMono12PackedHighBytesFirst() {
        // 0xABC, 0x123 -> AB, (3<<4 | C), 12
        assertThat(reds(InputLayout.MONO12_PACKED, 2, bytes(0xAB, 0x3C, 0x12))).containsExactly(172, 18);
        // odd width: the last pixel has only its two bytes
        assertThat(reds(InputLayout.MONO12_PACKED, 3, bytes(0xAB, 0x3C, 0x12, 0x80, 0x01))).containsExactly(172, 18, 128);
    }

    @Test
    void gevMono10PackedLowBitsInMiddleByte() {
        // 0x201, 0x0FE -> 80, (2<<4 | 1), 3F ; 513 -> (513+2)>>2 = 128, 254 -> 64
        assertThat(reds(InputLayout.MONO10_PACKED, 2, bytes(0x80, 0x21, 0x3F))).containsExactly(128, 64);
        // bits 2-3 and 6-7 of the middle byte are not sample bits
        assertThat(reds(InputLayout.MONO10_PACKED, 2, bytes(0x80, 0xED, 0x3F))).containsExactly(128, 64);
    }

    @Test
    void sixteenBitContainersLittleEndianMaskedAndRounded() {
        // Mono16: 0x1234 -> (4660+128)>>8 = 18; 0xFFFF saturates; 0x0080 rounds up to 1; 0x007F down to 0
        assertThat(reds(InputLayout.MONO16, 4, bytes(0x34, 0x12, 0xFF, 0xFF, 0x80, 0x00, 0x7F, 0x00)))
                .containsExactly(18, 255, 1, 0);
        // Mono12 with junk in the top nibble: masked to 0x7FF -> (2047+8)>>4 = 128
        assertThat(reds(InputLayout.MONO12, 1, bytes(0xFF, 0xF7))).containsExactly(128);
        // Mono10: 0x3FF saturates, 0x201 -> 128
        assertThat(reds(InputLayout.MONO10, 2, bytes(0xFF, 0x03, 0x01, 0x02))).containsExactly(255, 128);
    }
}
