package io.gevgate.gendc.pfnc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PixelFormatTest {

    /** Codes exactly as gige-anchors.md §5.5 lists them. */
    private static final Map<String, Integer> ANCHOR_CODES = Map.ofEntries(
            Map.entry("Mono8", 0x01080001), Map.entry("Mono8s", 0x01080002), Map.entry("Mono10", 0x01100003),
            Map.entry("Mono10Packed", 0x010C0004), Map.entry("Mono10p", 0x010A0046),
            Map.entry("Mono12", 0x01100005), Map.entry("Mono12Packed", 0x010C0006),
            Map.entry("Mono12p", 0x010C0047), Map.entry("Mono14", 0x01100025), Map.entry("Mono14p", 0x010E0104),
            Map.entry("Mono16", 0x01100007), Map.entry("Mono32", 0x01200111), Map.entry("Data8", 0x01080116),
            Map.entry("Confidence8", 0x010800C6), Map.entry("Confidence16", 0x011000C7),
            Map.entry("Coord3D_C16", 0x011000B8), Map.entry("Coord3D_ABC32f", 0x026000C0),
            Map.entry("R8", 0x010800C9), Map.entry("G8", 0x010800CD), Map.entry("B8", 0x010800D1),
            Map.entry("BayerGR8", 0x01080008), Map.entry("BayerRG8", 0x01080009),
            Map.entry("BayerGB8", 0x0108000A), Map.entry("BayerBG8", 0x0108000B),
            Map.entry("BayerGR10", 0x0110000C), Map.entry("BayerRG10", 0x0110000D),
            Map.entry("BayerGB10", 0x0110000E), Map.entry("BayerBG10", 0x0110000F),
            Map.entry("BayerGR12", 0x01100010), Map.entry("BayerRG12", 0x01100011),
            Map.entry("BayerGB12", 0x01100012), Map.entry("BayerBG12", 0x01100013),
            Map.entry("BayerGR16", 0x0110002E), Map.entry("BayerRG16", 0x0110002F),
            Map.entry("BayerGB16", 0x01100030), Map.entry("BayerBG16", 0x01100031),
            Map.entry("BayerGR10p", 0x010A0056), Map.entry("BayerRG10p", 0x010A0058),
            Map.entry("BayerGB10p", 0x010A0054), Map.entry("BayerBG10p", 0x010A0052),
            Map.entry("BayerGR12p", 0x010C0057), Map.entry("BayerRG12p", 0x010C0059),
            Map.entry("BayerGB12p", 0x010C0055), Map.entry("BayerBG12p", 0x010C0053),
            Map.entry("BayerGR12Packed", 0x010C002A), Map.entry("BayerRG12Packed", 0x010C002B),
            Map.entry("BayerGB12Packed", 0x010C002C), Map.entry("BayerBG12Packed", 0x010C002D),
            Map.entry("RGB8", 0x02180014), Map.entry("BGR8", 0x02180015), Map.entry("RGBa8", 0x02200016),
            Map.entry("BGRa8", 0x02200017), Map.entry("RGB8_Planar", 0x02180021),
            Map.entry("RGB10", 0x02300018), Map.entry("RGB12", 0x0230001A), Map.entry("RGB16", 0x02300033),
            Map.entry("YUV422_8", 0x02100032), Map.entry("YUV422_8_UYVY", 0x0210001F),
            Map.entry("YCbCr422_8", 0x0210003B), Map.entry("YUV411_8_UYYVYY", 0x020C001E),
            Map.entry("YUV8_UYV", 0x02180020));

    @Test
    void anchorCodesMatchTheReferenceTable() {
        ANCHOR_CODES.forEach((name, code) -> {
            PixelFormat f = PixelFormat.fromName(name);
            assertThat(f).as(name).isNotNull();
            assertThat(f.code()).as(name).isEqualTo(code);
            assertThat(PixelFormat.fromCode(code)).as(name).isSameAs(f);
        });
    }

    @Test
    void everyFormatTheIssueListsIsPresent() {
        for (String name : new String[] {"Mono8", "Mono10", "Mono12", "Mono14", "Mono16", "Mono10p", "Mono12p",
            "Mono10Packed", "Mono12Packed", "BayerGR10Packed", "BayerBG10Packed", "RGB8", "BGR8", "RGBa8", "BGRa8",
            "RGB8_Planar", "YUV422_8", "YUV422_8_UYVY", "YCbCr8", "Coord3D_A8", "Coord3D_C8", "Coord3D_ABC8",
            "Coord3D_A16", "Coord3D_ABC16", "Coord3D_A32f", "Coord3D_C32f", "Coord3D_ABC32f", "Confidence8",
            "Confidence16", "Data8", "Data16", "Data32"}) {
            assertThat(PixelFormat.fromName(name)).as(name).isNotNull();
        }
    }

    @Test
    void namesAndCodesAreUniqueAndRoundTrip() {
        Set<Integer> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (PixelFormat f : PixelFormat.values()) {
            assertThat(codes.add(f.code())).as("duplicate code of %s", f).isTrue();
            assertThat(names.add(f.pfncName())).as("duplicate name %s", f).isTrue();
            assertThat(PixelFormat.fromCode(f.code())).isSameAs(f);
            assertThat(PixelFormat.fromName(f.pfncName())).isSameAs(f);
            assertThat(PixelFormat.nameOf(f.code())).isEqualTo(f.pfncName());
            int cls = f.code() >>> 24;
            assertThat(cls).as("class byte of %s", f).isIn(0x01, 0x02);
            assertThat(f.isSingleChannel()).isEqualTo(cls == 0x01);
        }
        assertThat(PixelFormat.fromCode(0x80000001)).isNull();
        assertThat(PixelFormat.nameOf(0x80000001)).isEqualTo("0x80000001");
        assertThat(PixelFormat.fromName("mono8")).as("names are case-sensitive").isNull();
    }

    @Test
    void codeLookupAgreesWithALinearScanForRandomCodes() {
        java.util.random.RandomGenerator r = java.util.random.RandomGeneratorFactory.of("L64X128MixRandom")
                .create(0x9F_2026L);
        for (int i = 0; i < 200_000; i++) {
            int code = switch (i % 3) {
                case 0 -> r.nextInt();
                case 1 -> PixelFormat.values()[r.nextInt(PixelFormat.values().length)].code() ^ (1 << r.nextInt(32));
                default -> PixelFormat.values()[r.nextInt(PixelFormat.values().length)].code();
            };
            PixelFormat expected = null;
            for (PixelFormat f : PixelFormat.values()) {
                if (f.code() == code) {
                    expected = f;
                }
            }
            assertThat(PixelFormat.fromCode(code)).as("0x%08X", code).isSameAs(expected);
        }
        assertThat(PixelFormat.fromCode(0)).isNull();
    }

    @Test
    void bitsPerPixel() {
        assertThat(PixelFormat.MONO8.bitsPerPixel()).isEqualTo(8);
        assertThat(PixelFormat.MONO10.bitsPerPixel()).isEqualTo(16);
        assertThat(PixelFormat.MONO10P.bitsPerPixel()).isEqualTo(10);
        assertThat(PixelFormat.MONO10_PACKED.bitsPerPixel()).isEqualTo(12);
        assertThat(PixelFormat.MONO12P.bitsPerPixel()).isEqualTo(12);
        assertThat(PixelFormat.MONO14P.bitsPerPixel()).isEqualTo(14);
        assertThat(PixelFormat.RGB8.bitsPerPixel()).isEqualTo(24);
        assertThat(PixelFormat.RGBA8.bitsPerPixel()).isEqualTo(32);
        assertThat(PixelFormat.RGB8_PLANAR.bitsPerPixel()).isEqualTo(24);
        assertThat(PixelFormat.RGB8_PLANAR.bitsPerPlanePixel()).isEqualTo(8);
        assertThat(PixelFormat.YUV422_8.bitsPerPixel()).isEqualTo(16);
        assertThat(PixelFormat.YUV411_8_UYYVYY.bitsPerPixel()).isEqualTo(12);
        assertThat(PixelFormat.COORD3D_ABC32F.bitsPerPixel()).isEqualTo(96);
        assertThat(PixelFormat.COORD3D_ABC16.bitsPerPixel()).isEqualTo(48);
        assertThat(PixelFormat.DATA32.bitsPerPixel()).isEqualTo(32);
        assertThat(PixelFormat.MONO12P.isPacked()).isTrue();
        assertThat(PixelFormat.MONO12.isPacked()).isFalse();
    }

    @Test
    void unpackedImageSizes() {
        assertThat(PixelFormat.MONO8.imageSize(640, 480)).isEqualTo(307_200);
        assertThat(PixelFormat.MONO16.imageSize(640, 480)).isEqualTo(614_400);
        assertThat(PixelFormat.RGB8.imageSize(1920, 1080)).isEqualTo(6_220_800);
        assertThat(PixelFormat.BGRA8.imageSize(3, 2)).isEqualTo(24);
        assertThat(PixelFormat.COORD3D_ABC32F.imageSize(10, 10)).isEqualTo(1200);
        assertThat(PixelFormat.RGB8_PLANAR.imageSize(4, 3)).isEqualTo(36);
    }

    @Test
    void packedImageSizesUseExactBitMathWithByteAlignedLines() {
        // 10 bits x 4 px = 40 bits = 5 bytes, whole
        assertThat(PixelFormat.MONO10P.lineBytes(4)).isEqualTo(5);
        assertThat(PixelFormat.MONO10P.imageSize(4, 2)).isEqualTo(10);
        // 10 bits x 3 px = 30 bits -> 4 bytes per line (2 bits of fill)
        assertThat(PixelFormat.MONO10P.lineBytes(3)).isEqualTo(4);
        assertThat(PixelFormat.MONO10P.imageSize(3, 5)).isEqualTo(20);
        // ... while the same pixels as one bit stream take ceil(150/8) = 19
        assertThat(PixelFormat.MONO10P.streamSize(15)).isEqualTo(19);
        // 12p / 12Packed: 2 pixels in 3 bytes; odd width rounds the line up
        assertThat(PixelFormat.MONO12P.imageSize(640, 480)).isEqualTo(460_800);
        assertThat(PixelFormat.MONO12_PACKED.imageSize(641, 1)).isEqualTo(962);
        assertThat(PixelFormat.BAYER_RG12_PACKED.imageSize(2, 2)).isEqualTo(6);
        // Mono10Packed stores 12 bits per pixel (GigE Vision packing), Mono10p 10
        assertThat(PixelFormat.MONO10_PACKED.imageSize(640, 480)).isEqualTo(460_800);
        assertThat(PixelFormat.MONO10P.imageSize(640, 480)).isEqualTo(384_000);
        assertThat(PixelFormat.MONO14P.imageSize(4, 1)).isEqualTo(7);
    }

    @Test
    void paddingIsPerLineAndPerImage() {
        // (32 + 3) x 10 + 7
        assertThat(PixelFormat.MONO8.imageSize(32, 10, 3, 7)).isEqualTo(357);
        // planar: every plane line padded, image padding once: 3 x (4 + 1) x 2 + 5
        assertThat(PixelFormat.RGB8_PLANAR.imageSize(4, 2, 1, 5)).isEqualTo(35);
        assertThat(PixelFormat.MONO10P.imageSize(3, 2, 2, 0)).isEqualTo(12);
    }

    @Test
    void subsampledFormatsNeedAWidthMultiple() {
        assertThat(PixelFormat.YUV422_8.imageSize(640, 480)).isEqualTo(614_400);
        assertThatThrownBy(() -> PixelFormat.YUV422_8.imageSize(641, 480))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 2");
        assertThatThrownBy(() -> PixelFormat.YUV422_8_UYVY.lineBytes(3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(PixelFormat.YUV411_8_UYYVYY.imageSize(8, 2)).isEqualTo(24);
        assertThatThrownBy(() -> PixelFormat.YUV411_8_UYYVYY.imageSize(6, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 4");
    }

    @Test
    void hugeOrNegativeSizesAreRejectedNotWrapped() {
        assertThatThrownBy(() -> PixelFormat.COORD3D_ABC32F.imageSize(0xFFFF_FFFFL, 0xFFFF_FFFFL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
        assertThatThrownBy(() -> PixelFormat.MONO8.imageSize(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PixelFormat.MONO8.imageSize(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PixelFormat.MONO8.streamSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PixelFormat.MONO8.imageSize(0, 0)).isZero();
    }
}
