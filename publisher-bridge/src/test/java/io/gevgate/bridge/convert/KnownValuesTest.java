package io.gevgate.bridge.convert;

import static io.gevgate.bridge.convert.Frames.bytes;
import static io.gevgate.bridge.convert.Frames.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Values worked out by hand or taken from the published BT.601/BT.709 colour-bar tables. */
class KnownValuesTest {

    /** 2x2 frame of one RGB colour -> NV12: Y of each pixel, then Cb, Cr. */
    @ParameterizedTest(name = "{0} {1} rgb({2},{3},{4}) -> Y {5} Cb {6} Cr {7}")
    @CsvSource({
        // BT.601 limited ("studio") colour bars
        "BT601, LIMITED, 255, 0, 0, 81, 90, 240",
        "BT601, LIMITED, 0, 255, 0, 145, 54, 34",
        "BT601, LIMITED, 0, 0, 255, 41, 240, 110",
        "BT601, LIMITED, 255, 255, 255, 235, 128, 128",
        "BT601, LIMITED, 0, 0, 0, 16, 128, 128",
        // BT.601 full range (JFIF): red Cr is 255.5 before clamping
        "BT601, FULL, 255, 0, 0, 76, 85, 255",
        "BT601, FULL, 255, 255, 255, 255, 128, 128",
        // BT.709 limited
        "BT709, LIMITED, 255, 0, 0, 63, 102, 240",
        "BT709, LIMITED, 0, 255, 0, 173, 42, 26",
        "BT709, LIMITED, 0, 0, 255, 32, 240, 118",
    })
    void pureColoursToNv12(YuvMatrix matrix, YuvRange range, int r, int g, int b, int y, int cb, int cr) {
        byte[] frame = new byte[12];
        for (int i = 0; i < 4; i++) {
            frame[3 * i] = (byte) r;
            frame[3 * i + 1] = (byte) g;
            frame[3 * i + 2] = (byte) b;
        }
        byte[][] nv12 = Frames.nv12(new ConversionSpec(InputLayout.RGB8, 2, 2, matrix, range), frame);
        assertThat(unsigned(nv12[0])).containsExactly(y, y, y, y);
        assertThat(unsigned(nv12[1])).containsExactly(cb, cr);
    }

    @Test
    void bgrSwapsRedAndBlue() {
        byte[] bgr = bytes(0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255); // red, stored B,G,R
        byte[][] nv12 = Frames.nv12(ConversionSpec.of(InputLayout.BGR8, 2, 2), bgr);
        assertThat(unsigned(nv12[0])).containsOnly(81);
        assertThat(unsigned(nv12[1])).containsExactly(90, 240);
        assertThat(unsigned(Frames.rgba(ConversionSpec.of(InputLayout.BGR8, 2, 2), bgr)))
                .startsWith(255, 0, 0, 255);
    }

    @Test
    void greyRampMono8() {
        int w = 256;
        byte[] ramp = new byte[w * 2];
        for (int x = 0; x < w; x++) {
            ramp[x] = (byte) x;
            ramp[w + x] = (byte) x;
        }
        byte[][] full = Frames.nv12(new ConversionSpec(InputLayout.MONO8, w, 2, YuvMatrix.BT709, YuvRange.FULL), ramp);
        byte[][] limited = Frames.nv12(ConversionSpec.of(InputLayout.MONO8, w, 2), ramp);
        byte[] rgba = Frames.rgba(ConversionSpec.of(InputLayout.MONO8, w, 2), ramp);
        for (int x = 0; x < w; x++) {
            assertThat(full[0][x] & 0xFF).isEqualTo(x);
            assertThat(limited[0][x] & 0xFF).isEqualTo(16 + (x * 219 + 127) / 255);
            assertThat(unsigned(new byte[] {rgba[4 * x], rgba[4 * x + 1], rgba[4 * x + 2], rgba[4 * x + 3]}))
                    .containsExactly(x, x, x, 255);
        }
        assertThat(unsigned(full[1])).containsOnly(128);
        assertThat(unsigned(limited[1])).containsOnly(128);
        assertThat(limited[0][0] & 0xFF).isEqualTo(16);
        assertThat(limited[0][255] & 0xFF).isEqualTo(235);
    }

    /**
     * BayerRG8 4x4 worked by hand (docs/conversions.md §6):
     * <pre>
     *  R10  G20  R31  G40
     *  G50  B60  G70  B80
     *  R90  G100 R110 G120
     *  G130 B140 G150 B160
     * </pre>
     */
    @Test
    void bayerRg4x4ByHand() {
        byte[] mosaic = bytes(
                10, 20, 31, 40,
                50, 60, 70, 80,
                90, 100, 110, 120,
                130, 140, 150, 160);
        int[] rgba = unsigned(Frames.rgba(ConversionSpec.of(InputLayout.BAYER_RG8, 4, 4), mosaic));
        // (0,0) R site: G from N,S mirrored to row 1 (50,50) and W,E mirrored to col 1 (20,20); B from 4x B(1,1)
        assertPixel(rgba, 4, 0, 0, 10, 35, 60);
        // (1,0) G in red row: R = (10+31+1)>>1, B = N,S both mirrored row 1 = 60
        assertPixel(rgba, 4, 1, 0, 21, 20, 60);
        // (3,0) right edge: R from W=31 and E mirrored to col 2 = 31; B = 80 (row 1 twice)
        assertPixel(rgba, 4, 3, 0, 31, 40, 80);
        // (0,1) G in blue row: R = (10+90+1)>>1, B = W,E mirrored = 60
        assertPixel(rgba, 4, 0, 1, 50, 50, 60);
        // (1,1) B site: G = (20+100+50+70+2)>>2, R = (10+31+90+110+2)>>2 = 243>>2
        assertPixel(rgba, 4, 1, 1, 60, 60, 60);
        // (2,2) R site: G = (70+150+100+120+2)>>2, B = (60+80+140+160+2)>>2
        assertPixel(rgba, 4, 2, 2, 110, 110, 110);
        // (0,3) bottom edge G in blue row: R = N 90 and S mirrored to row 2 = 90
        assertPixel(rgba, 4, 0, 3, 90, 130, 140);
        // (3,3) corner B site: G = (120+120+150+150+2)>>2, R = 110 four times
        assertPixel(rgba, 4, 3, 3, 110, 135, 160);
    }

    private static void assertPixel(int[] rgba, int width, int x, int y, int r, int g, int b) {
        int i = 4 * (y * width + x);
        assertThat(new int[] {rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]})
                .as("pixel (%d,%d)", x, y).containsExactly(r, g, b, 255);
    }

    /** A flat-coloured scene gives that colour everywhere, borders included, for every phase. */
    @ParameterizedTest
    @EnumSource(value = InputLayout.class, names = {"BAYER_RG8", "BAYER_GR8", "BAYER_GB8", "BAYER_BG8"})
    void flatColourMosaicIsFlatAfterDemosaic(InputLayout layout) {
        int w = 7;
        int h = 5;
        byte[] mosaic = new byte[w * h];
        BayerPhase phase = layout.bayerPhase();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean redCol = (x & 1) == phase.redX();
                boolean redRow = (y & 1) == phase.redY();
                mosaic[y * w + x] = (byte) (redRow && redCol ? 200 : !redRow && !redCol ? 50 : 100);
            }
        }
        int[] rgba = unsigned(Frames.rgba(ConversionSpec.of(layout, w, h), mosaic));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                assertPixel(rgba, w, x, y, 200, 100, 50);
            }
        }
    }

    @Test
    void yuyvAndUyvyToNv12AverageChromaVertically() {
        // 2x2 YUYV: row 0 = Y 10, U 100, Y 20, V 200; row 1 = Y 30, U 101, Y 40, V 203
        byte[] yuyv = bytes(10, 100, 20, 200, 30, 101, 40, 203);
        byte[][] a = Frames.nv12(ConversionSpec.of(InputLayout.YUV422_YUYV, 2, 2), yuyv);
        assertThat(unsigned(a[0])).containsExactly(10, 20, 30, 40);
        assertThat(unsigned(a[1])).containsExactly(101, 202); // (100+101+1)>>1, (200+203+1)>>1
        byte[] uyvy = bytes(100, 10, 200, 20, 101, 30, 203, 40);
        byte[][] b = Frames.nv12(ConversionSpec.of(InputLayout.YUV422_UYVY, 2, 2), uyvy);
        assertThat(b[0]).isEqualTo(a[0]);
        assertThat(b[1]).isEqualTo(a[1]);
    }

    @Test
    void yuvToRgbaRoundTripsColourBars() {
        // BT.601 limited red bar (81, 90, 240) decodes back to (255, 0, 0) within one code value
        byte[] yuyv = bytes(81, 90, 81, 240);
        int[] rgba = unsigned(Frames.rgba(ConversionSpec.of(InputLayout.YUV422_YUYV, 2, 1), yuyv));
        assertThat(rgba[0]).isBetween(254, 255);
        assertThat(rgba[1]).isBetween(0, 1);
        assertThat(rgba[2]).isBetween(0, 1);
        assertThat(rgba[3]).isEqualTo(255);
        assertThat(new int[] {rgba[4], rgba[5], rgba[6], rgba[7]}).containsExactly(rgba[0], rgba[1], rgba[2], 255);
        // limited white/black saturate exactly
        int[] white = unsigned(Frames.rgba(ConversionSpec.of(InputLayout.YUV422_UYVY, 2, 1), bytes(128, 235, 128, 16)));
        assertThat(white).containsExactly(255, 255, 255, 255, 0, 0, 0, 255);
    }

    @Test
    void oddSizedNv12ReplicatesLastColumnAndRow() {
        // 3x3 RGB: only the bottom-right pixel is white; its chroma block (1,1) is that pixel four times.
        byte[] frame = new byte[27];
        frame[24] = frame[25] = frame[26] = (byte) 255;
        frame[0] = (byte) 255; // top-left pure red: block (0,0) averages red with three black pixels
        byte[][] nv12 = Frames.nv12(new ConversionSpec(InputLayout.RGB8, 3, 3, YuvMatrix.BT601, YuvRange.FULL), frame);
        assertThat(nv12[0]).hasSize(9);
        assertThat(nv12[1]).hasSize(8); // 2 rows of 2 pairs = 4 bytes
        assertThat(unsigned(nv12[1])).containsExactly(
                // block (0,0): sums R=255 -> Cb=floor(-2688718/2^18)+128 = 117, Cr=floor(8486912/2^18)+128 = 160
                117, 160,
                128, 128, // block (1,0): column 2 replicated, all black
                128, 128, // block (0,1): row 2 replicated, black
                128, 128); // block (1,1): the white pixel four times
        assertThat(nv12[0][8] & 0xFF).isEqualTo(255);
    }
}
